import type { RunColour } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import pg from 'pg';
import type {
  ChangeBatch,
  DojoStore,
  HistoryEvent,
  HistoryKind,
  HistoryPage,
  MemberDojo,
  MemberRecords,
  StoredDocument,
  StoredHistoryEvent,
} from './dojo-store.ts';
import { RoomLeaseLostError } from './dojo-store.ts';
import { decodeCursor, encodeCursor } from './history-cursor.ts';
import { isTransientStoreError } from './store-retry.ts';
import {
  type ActorBinding,
  decodeTimelineCursor,
  encodeTimelineCursor,
  type TimelineItem,
  type TimelinePage,
} from './timeline.ts';

interface TimelineRow {
  kind: 'change' | 'test_run';
  id: string;
  at_ms: string;
  hash: string | null;
  /** Comma-joined hashes. */
  deps: string | null;
  actor: string | null;
  user_id: string | null;
  name: string | null;
  data: Record<string, unknown> | null;
}

const toTimelineItem = (row: TimelineRow): TimelineItem =>
  row.kind === 'change'
    ? {
        kind: 'change',
        id: Number(row.id),
        at: Number(row.at_ms),
        hash: row.hash!,
        deps: row.deps ? row.deps.split(',') : [],
        actor: row.actor!,
        userId: row.user_id as UserId | null,
      }
    : {
        kind: 'test_run',
        id: Number(row.id),
        at: Number(row.at_ms),
        userId: row.user_id as UserId | null,
        name: row.name,
        data: row.data ?? {},
      };

interface HistoryRow {
  id: string;
  dojo_id: string;
  tenant_id: string;
  kind: HistoryKind;
  user_id: string | null;
  name: string | null;
  data: Record<string, unknown>;
  at: Date;
}

const toEvent = (row: HistoryRow): StoredHistoryEvent => ({
  id: Number(row.id),
  dojoId: row.dojo_id as DojoId,
  tenantId: row.tenant_id as TenantId,
  kind: row.kind,
  userId: row.user_id as UserId | null,
  name: row.name,
  data: row.data,
  at: row.at.getTime(),
});

/**
 * The Postgres adapter; connects with the app role (DATABASE_URL), a
 * non-superuser under row-level security (migration 0003). Every statement on
 * a dojo's rows runs in a transaction whose `app.tenant_id` is that dojo's
 * tenant, so a query that forgot its tenant filter still sees one tenant only.
 * Only the dojo → tenant registry runs in the system scope (`app.system`).
 */
export class PostgresDojoStore implements DojoStore {
  readonly #pool: pg.Pool;

  constructor(databaseUrl: string, options: { maxConnections?: number } = {}) {
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.#pool.on('error', () => {});
  }

  async registerDojo(dojoId: DojoId, tenantId: TenantId): Promise<TenantId> {
    return this.#inSystem(async (client) => {
      const result = await client.query<{ tenant_id: string }>(
        `insert into dojos (dojo_id, tenant_id) values ($1, $2)
         on conflict (dojo_id) do update set dojo_id = excluded.dojo_id
         returning tenant_id`,
        [dojoId, tenantId],
      );
      return result.rows[0]!.tenant_id as TenantId;
    });
  }

  async dojoTenant(dojoId: DojoId): Promise<TenantId | null> {
    return this.#inSystem(async (client) => {
      const result = await client.query<{ tenant_id: string }>('select tenant_id from dojos where dojo_id = $1', [
        dojoId,
      ]);
      return (result.rows[0]?.tenant_id as TenantId | undefined) ?? null;
    });
  }

  async loadDocument(tenantId: TenantId, dojoId: DojoId): Promise<StoredDocument | null> {
    // One snapshot-consistent read so that a concurrent compaction cannot hide changes.
    return this.#inTenant(
      tenantId,
      async (client) => {
        const snapshot = await client.query<{ bytes: Buffer }>('select bytes from dojo_snapshots where dojo_id = $1', [
          dojoId,
        ]);
        const changes = await client.query<{ id: string; bytes: Buffer }>(
          'select id, bytes from dojo_changes where dojo_id = $1 order by id',
          [dojoId],
        );
        if (snapshot.rowCount === 0 && changes.rowCount === 0) return null;
        return {
          snapshot: snapshot.rows[0] ? new Uint8Array(snapshot.rows[0].bytes) : null,
          changes: changes.rows.map((row) => new Uint8Array(row.bytes)),
          lastChangeId: Number(changes.rows.at(-1)?.id ?? 0),
        };
      },
      'begin isolation level repeatable read read only',
    );
  }

  async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
    const byTenant = new Map<
      TenantId,
      {
        dojoIds: string[];
        bytes: Buffer[];
        timeline: { dojoIds: string[]; hashes: string[]; deps: string[]; actors: string[]; at: string[] };
      }
    >();
    for (const { tenantId, dojoId, changes, meta } of batch) {
      const group = byTenant.get(tenantId) ?? {
        dojoIds: [],
        bytes: [],
        timeline: { dojoIds: [], hashes: [], deps: [], actors: [], at: [] },
      };
      byTenant.set(tenantId, group);
      for (const change of changes) {
        group.dojoIds.push(dojoId);
        group.bytes.push(Buffer.from(change.buffer, change.byteOffset, change.byteLength));
      }
      for (const entry of meta ?? []) {
        group.timeline.dojoIds.push(dojoId);
        group.timeline.hashes.push(entry.hash);
        // One text per change (a text[][] must be rectangular): split again on insert.
        group.timeline.deps.push(entry.deps.join(','));
        group.timeline.actors.push(entry.actor);
        group.timeline.at.push(new Date(entry.at).toISOString());
      }
    }
    const last = new Map<DojoId, number>();
    if (![...byTenant.values()].some((group) => group.bytes.length)) return last;
    // One transaction for the whole flush, one insert per tenant under that tenant's scope.
    await this.#transaction('begin', null, [], async (client) => {
      for (const [tenantId, group] of byTenant) {
        if (!group.bytes.length) continue;
        await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        // Identity values follow the ORDER BY, so each dojo's changes keep their order.
        const result = await client.query<{ id: string; dojo_id: string }>(
          `insert into dojo_changes (dojo_id, tenant_id, bytes)
           select dojo_id, $1, bytes from unnest($2::uuid[], $3::bytea[]) with ordinality as t(dojo_id, bytes, n)
           order by n
           returning id, dojo_id`,
          [tenantId, group.dojoIds, group.bytes],
        );
        for (const row of result.rows) {
          const id = Number(row.id);
          const dojoId = row.dojo_id as DojoId;
          if (id > (last.get(dojoId) ?? 0)) last.set(dojoId, id);
        }
        const timeline = group.timeline;
        if (timeline.hashes.length) {
          // In the same transaction: a change is in the timeline exactly when it is stored.
          await client.query(
            `insert into dojo_timeline (dojo_id, tenant_id, hash, deps, actor, at)
             select dojo_id, $1, hash, coalesce(string_to_array(nullif(deps, ''), ','), '{}'), actor, at
             from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
               with ordinality as t(dojo_id, hash, deps, actor, at, n)
             order by n`,
            [tenantId, timeline.dojoIds, timeline.hashes, timeline.deps, timeline.actors, timeline.at],
          );
        }
      }
    });
    return last;
  }

  async compact(
    tenantId: TenantId,
    dojoId: DojoId,
    snapshot: Uint8Array,
    upToChangeId: number,
    fence?: number,
  ): Promise<void> {
    await this.#inTenant(tenantId, async (client) => {
      // FOR SHARE: a takeover (an update of this row) waits until this compaction is committed, or wins before it.
      if (fence !== undefined) await this.#checkFence(client, dojoId, fence);
      await client.query(
        `insert into dojo_snapshots (dojo_id, tenant_id, bytes, saved_at) values ($1, $2, $3, now())
         on conflict (dojo_id) do update set bytes = excluded.bytes, saved_at = excluded.saved_at`,
        [dojoId, tenantId, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength)],
      );
      await client.query('delete from dojo_changes where dojo_id = $1 and id <= $2', [dojoId, upToChangeId]);
    });
  }

  async saveRoomState(
    tenantId: TenantId,
    dojoId: DojoId,
    state: Record<string, unknown>,
    fence?: number,
  ): Promise<void> {
    await this.#inTenant(tenantId, async (client) => {
      if (fence !== undefined) await this.#checkFence(client, dojoId, fence);
      await client.query('update dojos set room_state = $2 where dojo_id = $1', [dojoId, JSON.stringify(state)]);
    });
  }

  async #checkFence(client: pg.PoolClient, dojoId: DojoId, fence: number): Promise<void> {
    const result = await client.query<{ lease_token: string }>(
      'select lease_token from dojos where dojo_id = $1 for share',
      [dojoId],
    );
    if (Number(result.rows[0]?.lease_token) !== fence) throw new RoomLeaseLostError(dojoId, fence);
  }

  async acquireRoomLease(dojoId: DojoId, holder: string, ttlMs: number): Promise<number | null> {
    return this.#inSystem(async (client) => {
      // The database's clock decides expiry: engine processes' clocks may disagree.
      const result = await client.query<{ lease_token: string }>(
        `update dojos set lease_holder = $2, lease_token = lease_token + 1,
                lease_expires_at = now() + $3 * interval '1 millisecond'
          where dojo_id = $1 and (lease_holder is null or lease_holder = $2 or lease_expires_at < now())
          returning lease_token`,
        [dojoId, holder, ttlMs],
      );
      return result.rows[0] ? Number(result.rows[0].lease_token) : null;
    });
  }

  async renewRoomLeases(holder: string, ttlMs: number): Promise<Map<DojoId, number>> {
    return this.#inSystem(async (client) => {
      const result = await client.query<{ dojo_id: string; lease_token: string }>(
        `update dojos set lease_expires_at = now() + $2 * interval '1 millisecond'
          where lease_holder = $1
          returning dojo_id, lease_token`,
        [holder, ttlMs],
      );
      return new Map(result.rows.map((row) => [row.dojo_id as DojoId, Number(row.lease_token)]));
    });
  }

  async releaseRoomLease(dojoId: DojoId, token: number): Promise<void> {
    await this.#inSystem((client) =>
      client.query(
        `update dojos set lease_holder = null, lease_expires_at = null where dojo_id = $1 and lease_token = $2`,
        [dojoId, token],
      ),
    );
  }

  async loadRoomState(tenantId: TenantId, dojoId: DojoId): Promise<Record<string, unknown> | null> {
    return this.#inTenant(tenantId, async (client) => {
      const result = await client.query<{ room_state: Record<string, unknown> | null }>(
        'select room_state from dojos where dojo_id = $1',
        [dojoId],
      );
      return result.rows[0]?.room_state ?? null;
    });
  }

  async removeParticipant(tenantId: TenantId, dojoId: DojoId, userId: UserId): Promise<void> {
    await this.#inTenant(tenantId, (client) =>
      client.query(
        `update dojos set removed_user_ids = array_append(removed_user_ids, $2::uuid)
         where dojo_id = $1 and not ($2::uuid = any (removed_user_ids))`,
        [dojoId, userId],
      ),
    );
  }

  async removedParticipants(tenantId: TenantId, dojoId: DojoId): Promise<UserId[]> {
    return this.#inTenant(tenantId, async (client) => {
      const result = await client.query<{ removed_user_ids: string[] }>(
        'select removed_user_ids from dojos where dojo_id = $1',
        [dojoId],
      );
      return (result.rows[0]?.removed_user_ids ?? []) as UserId[];
    });
  }

  async appendHistory(events: readonly HistoryEvent[]): Promise<void> {
    const byTenant = Map.groupBy(events, (event) => event.tenantId);
    for (const [tenantId, group] of byTenant) {
      await this.#inTenant(tenantId, (client) =>
        client.query(
          `insert into dojo_history (dojo_id, tenant_id, kind, user_id, name, data, at)
           select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
          [
            group.map((event) => event.dojoId),
            group.map((event) => event.tenantId),
            group.map((event) => event.kind),
            group.map((event) => event.userId),
            group.map((event) => event.name),
            group.map((event) => JSON.stringify(event.data)),
            group.map((event) => new Date(event.at).toISOString()),
          ],
        ),
      );
    }
  }

  async listHistory(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null; kinds?: readonly HistoryKind[] },
  ): Promise<HistoryPage> {
    const after = decodeCursor(options.cursor);
    const result = await this.#inTenant(tenantId, (client) =>
      client.query<HistoryRow>(
        `select * from dojo_history
         where dojo_id = $1 and id > $2 and ($3::text[] is null or kind = any($3))
         order by id limit $4`,
        [dojoId, after, options.kinds ?? null, options.limit + 1],
      ),
    );
    const items = result.rows.slice(0, options.limit).map(toEvent);
    const more = result.rows.length > options.limit;
    return { items, nextCursor: more && items.length ? encodeCursor(items.at(-1)!.id) : null };
  }

  async bindActors(tenantId: TenantId, dojoId: DojoId, bindings: readonly ActorBinding[]): Promise<void> {
    if (bindings.length === 0) return;
    await this.#inTenant(tenantId, (client) =>
      client.query(
        `insert into dojo_actors (dojo_id, tenant_id, actor, user_id, name)
         select $1, $2, actor, user_id, name from unnest($3::text[], $4::uuid[], $5::text[]) as t(actor, user_id, name)
         on conflict (dojo_id, actor) do nothing`,
        [
          dojoId,
          tenantId,
          bindings.map((binding) => binding.actor),
          bindings.map((binding) => binding.userId),
          bindings.map((binding) => binding.name),
        ],
      ),
    );
  }

  async listActors(tenantId: TenantId, dojoId: DojoId): Promise<ActorBinding[]> {
    const result = await this.#inTenant(tenantId, (client) =>
      client.query<{ actor: string; user_id: string; name: string }>(
        'select actor, user_id, name from dojo_actors where dojo_id = $1 order by bound_at, actor',
        [dojoId],
      ),
    );
    return result.rows.map((row) => ({ actor: row.actor, userId: row.user_id as UserId, name: row.name }));
  }

  async listTimeline(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null },
  ): Promise<TimelinePage> {
    const after = decodeTimelineCursor(options.cursor);
    // Times are stored in whole milliseconds (written from epoch ms), so the cursor's time converts back
    // exactly ('epoch' + n ms, no floating point) and each branch walks its index from the cursor's
    // (time, id) on: a burst of rows in one millisecond cannot fill a page with rows already served.
    // Dependencies travel as one comma-joined text (parsing 5,000 text[] values costs the driver more).
    const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;
    const result = await this.#inTenant(
      tenantId,
      (client) =>
        client.query<TimelineRow>(
          `with cursor_at as (select timestamptz 'epoch' + $2::bigint * interval '1 millisecond' as at)
           select * from (
             (select 'change' as kind, c.id, ${ms('c.at')} as at_ms, 0 as source,
                     c.hash, array_to_string(c.deps, ',') as deps, c.actor, a.user_id, null::text as name, null::jsonb as data
              from dojo_timeline c left join dojo_actors a on a.dojo_id = c.dojo_id and a.actor = c.actor, cursor_at
              where c.dojo_id = $1 and c.at >= cursor_at.at
                and (c.at > cursor_at.at or 0 > $3::int or (0 = $3::int and c.id > $4::bigint))
              order by c.at, c.id limit $5)
             union all
             (select 'test_run', h.id, ${ms('h.at')}, 1, null, null, null, h.user_id, h.name, h.data
              from dojo_history h, cursor_at
              where h.dojo_id = $1 and h.kind = 'test_run' and h.at >= cursor_at.at
                and (h.at > cursor_at.at or 1 > $3::int or (1 = $3::int and h.id > $4::bigint))
              order by h.at, h.id limit $5)
           ) t
           order by at_ms, source, id
           limit $5`,
          [dojoId, after.at, after.source, after.id, options.limit + 1],
        ),
      'begin isolation level repeatable read read only',
    );
    const items = result.rows.slice(0, options.limit).map(toTimelineItem);
    const more = result.rows.length > options.limit;
    return { items, nextCursor: more && items.length ? encodeTimelineCursor(items.at(-1)!) : null };
  }

  async memberDojos(tenantId: TenantId, userId: UserId, fromMs: number, toMs: number): Promise<MemberDojo[]> {
    const result = await this.#inTenant(tenantId, (client) =>
      client.query<{ dojo_id: string; joined_at: Date; runs: RunColour[] }>(
        `with joined as (
           select dojo_id, min(at) as joined_at from dojo_history
            where kind = 'joined' and user_id = $1 and at >= $2 and at < $3
            group by dojo_id)
         select j.dojo_id, j.joined_at,
                coalesce((select array_agg(h.data->>'colour' order by h.id) from dojo_history h
                           where h.dojo_id = j.dojo_id and h.kind = 'test_run'
                             and h.data->>'colour' in ('red', 'amber', 'green')), '{}') as runs
           from joined j order by j.joined_at, j.dojo_id`,
        [userId, new Date(fromMs), new Date(toMs)],
      ),
    );
    return result.rows.map((row) => ({
      dojoId: row.dojo_id as DojoId,
      joinedAt: row.joined_at.getTime(),
      runs: row.runs,
    }));
  }

  async memberRecords(tenantId: TenantId, userId: UserId): Promise<MemberRecords> {
    return this.#inTenant(tenantId, async (client) => {
      const history = await client.query<HistoryRow>(
        'select * from dojo_history where user_id = $1 order by dojo_id, id',
        [userId],
      );
      const changes = await client.query<{ dojo_id: string; hash: string; at_ms: string }>(
        `select t.dojo_id, t.hash, (extract(epoch from t.at) * 1000)::bigint as at_ms
           from dojo_timeline t join dojo_actors a on a.dojo_id = t.dojo_id and a.actor = t.actor
          where a.user_id = $1 order by t.dojo_id, t.at, t.id`,
        [userId],
      );
      return {
        history: history.rows.map(toEvent),
        changes: changes.rows.map((row) => ({ dojoId: row.dojo_id as DojoId, hash: row.hash, at: Number(row.at_ms) })),
      };
    });
  }

  async recentChat(tenantId: TenantId, dojoId: DojoId, limit: number): Promise<StoredHistoryEvent[]> {
    const result = await this.#inTenant(tenantId, (client) =>
      client.query<HistoryRow>(
        `select * from (select * from dojo_history where dojo_id = $1 and kind = 'chat' order by id desc limit $2) latest
         order by id`,
        [dojoId, limit],
      ),
    );
    return result.rows.map(toEvent);
  }

  async eraseMember(tenantId: TenantId, userId: UserId): Promise<number> {
    const result = await this.#inTenant(tenantId, (client) =>
      client.query('update dojo_history set user_id = null, name = null where user_id = $1', [userId]),
    );
    return result.rowCount ?? 0;
  }

  async eraseTenant(tenantId: TenantId): Promise<number> {
    // Every other dojo table references dojos (dojo_id, tenant_id) on delete cascade.
    const result = await this.#inTenant(tenantId, (client) =>
      client.query('delete from dojos where tenant_id = $1', [tenantId]),
    );
    return result.rowCount ?? 0;
  }

  /** Runs `fn` in a transaction scoped to `tenantId` (row-level security). */
  #inTenant<T>(tenantId: TenantId, fn: (client: pg.PoolClient) => Promise<T>, begin = 'begin'): Promise<T> {
    return this.#transaction(begin, `select set_config('app.tenant_id', $1, true)`, [tenantId], fn);
  }

  /** Runs `fn` in the system scope: for the dojo → tenant registry only. */
  #inSystem<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.#transaction('begin', `select set_config('app.system', 'on', true)`, [], fn);
  }

  async #transaction<T>(
    begin: string,
    scope: string | null,
    values: unknown[],
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.#pool.connect();
    // While a client is checked out, the pool no longer listens for its errors: a server
    // restart between two statements would surface as an uncaught 'error' event and kill
    // the process. The failing query rejects anyway; the broken client is destroyed below.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      if (scope) await client.query(scope, values);
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      broken ??= isTransientStoreError(error) ? (error as Error) : undefined;
      if (!broken) await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.#pool.query('select 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
