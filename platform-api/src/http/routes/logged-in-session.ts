import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { UserEntity } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import { type RequestOrigin, recordAudit } from '../../domain/audit-log.ts';
import type { SessionTokens } from '../../domain/session-tokens.ts';
import { openSession } from './session-view.ts';

/** The end of a successful login (after the password, and the second step when there is one): audit entry and session. */
export const loggedInSession = (
  orm: MikroORM,
  sessions: SessionTokens,
  tenantId: TenantId,
  user: UserEntity,
  origin: RequestOrigin,
  details: Record<string, string> = {},
) =>
  inTenant(orm, tenantId, async (em) => {
    await recordAudit(em, {
      tenantId,
      actorId: user.id,
      action: 'auth.login_succeeded',
      targetType: 'user',
      targetId: user.id,
      details,
      origin,
    });
    return openSession(em, sessions, user);
  });
