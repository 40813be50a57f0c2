import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId, UserId } from '@pocdojo/common/contracts/ids';
import { Tenant } from '../../db/entities/Tenant.ts';
import type { UserEntity } from '../../db/entities/User.ts';
import type { SessionTokens } from '../../domain/session-tokens.ts';
import { memberView, tenantView, tokenPairView } from '../schemas.ts';
import { memberToView } from './member-view.ts';

/** What a login, a sign-up or an accepted invitation answers: tokens, the team and the member. */
export const sessionView = tokenPairView.extend({ tenant: tenantView, user: memberView }).meta({ id: 'Session' });

/** Opens a session for `user` inside the caller's tenant transaction. */
export async function openSession(em: EntityManager, sessions: SessionTokens, user: UserEntity) {
  const tenant = await em.findOneOrFail(Tenant, { id: user.tenantId });
  const pair = await sessions.pair(em, {
    id: user.id as UserId,
    tenantId: user.tenantId as TenantId,
    role: user.role,
    tokenVersion: user.tokenVersion,
  });
  return { tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug }, user: memberToView(user), ...pair };
}
