import Router from '@koa/router';
import type { NotificationKind } from '@pocdojo/common/contracts/notifications';
import { Problem } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { loadPreferences, savePreference, TunableKinds } from '../domain/preferences.ts';
import { ErrorCodes } from '../errors.ts';
import { callerOf } from './authentication.ts';
import { parse } from './validation.ts';

const switchesBody = z.object({ email: z.boolean(), push: z.boolean(), inApp: z.boolean() }).strict();
const kindParams = z.object({ kind: z.string() });

/** The caller's per-kind channel switches (account e-mails are not tunable and not listed). */
export function preferenceRoutes(db: Database): Router {
  const router = new Router();

  router.get('/v1/notification-preferences', async (ctx) => {
    const caller = callerOf(ctx);
    const prefs = await db.inTenant(caller.tenantId, (tx) => loadPreferences(tx, caller.userId));
    ctx.body = { items: TunableKinds.map((kind) => ({ kind, ...prefs[kind] })) };
  });

  router.put('/v1/notification-preferences/:kind', async (ctx) => {
    const caller = callerOf(ctx);
    const { kind } = parse(kindParams, ctx.params, 'params');
    if (!TunableKinds.includes(kind as NotificationKind)) {
      throw new Problem(404, ErrorCodes.notFound, 'Not Found', {
        detail: `No tunable notification kind "${kind}"; one of: ${TunableKinds.join(', ')}`,
      });
    }
    const body = parse(switchesBody, ctx.request.body, 'body');
    await db.inTenant(caller.tenantId, (tx) =>
      savePreference(tx, caller.tenantId, caller.userId, kind as NotificationKind, body),
    );
    ctx.body = { kind, ...body };
  });

  return router;
}
