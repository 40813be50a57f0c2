import Router from '@koa/router';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import { internalAuth } from '@pocdojo/common/internal-auth';
import { z } from 'zod';
import type { DojoStore, MemberChange } from '../persistence/dojo-store.ts';
import { describeEdits } from '../replay/member-edits.ts';
import { internalQuery } from './internal-query.ts';

const querySchema = z.strictObject({ tenantId: z.uuid(), userId: z.uuid() });

/**
 * `GET /internal/v1/member-data` (Bearer INTERNAL_TOKEN): everything the
 * engine attributes to one member in their tenant's dojos, for the media
 * worker's personal data export (LGPD access and portability): the history
 * events naming them (joins, chat messages, test runs…) and every change
 * bound to them, with the files it touched and the text it typed. Nothing of
 * other members: their chat and changes stay out, and a dojo is only its id
 * (platform-api names it). Read under the tenant's row-level security.
 */
export function memberDataRoutes(deps: { store: DojoStore; internalToken: string }) {
  const router = new Router();
  router.get('/internal/v1/member-data', internalAuth(deps.internalToken), async (ctx) => {
    const query = internalQuery(querySchema, ctx.query);
    const tenantId = query.tenantId as TenantId;
    const records = await deps.store.memberRecords(tenantId, query.userId as UserId);
    const history = groupBy(records.history, (event) => event.dojoId);
    const changes = groupBy(records.changes, (change) => change.dojoId);
    const dojoIds = [...new Set([...history.keys(), ...changes.keys()])].sort();
    const dojos = [];
    for (const dojoId of dojoIds) {
      dojos.push({
        dojoId,
        history: (history.get(dojoId) ?? []).map((event) => ({
          kind: event.kind,
          at: new Date(event.at).toISOString(),
          name: event.name,
          data: event.data,
        })),
        edits: await edits(tenantId, dojoId, changes.get(dojoId) ?? []),
      });
    }
    ctx.body = { dojos };
  });

  async function edits(tenantId: TenantId, dojoId: DojoId, changes: MemberChange[]) {
    if (changes.length === 0) return [];
    const stored = await deps.store.loadDocument(tenantId, dojoId);
    const described = stored ? describeEdits(stored, new Set(changes.map((change) => change.hash))) : new Map();
    return changes.map((change) => {
      const summary = described.get(change.hash);
      return {
        at: new Date(change.at).toISOString(),
        hash: change.hash,
        files: summary?.files ?? [],
        inserted: summary?.inserted ?? '',
        deletedCharacters: summary?.deletedCharacters ?? 0,
        createdFiles: summary?.createdFiles ?? [],
        deletedFiles: summary?.deletedFiles ?? [],
      };
    });
  }

  return router;
}

function groupBy<T>(items: readonly T[], key: (item: T) => DojoId): Map<DojoId, T[]> {
  const groups = new Map<DojoId, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
