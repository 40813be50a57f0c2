import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import pg from 'pg';
import type {
  ChangeBatch,
  DojoStore,
  HistoryEvent,
  HistoryKind,
  HistoryPage,
  StoredDocument,
  StoredHistoryEvent,
} from './dojo-store.ts';
import { decodeCursor, encodeCursor } from './history-cursor.ts';

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

/** The Postgres adapter; connects with the app role (DATABASE_URL). */
export class PostgresDojoStore implements DojoStore {
  readonly #pool: pg.Pool;

  constructor(databaseUrl: string, options: { maxConnections?: number } = {}) {
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.#pool.on('error', () => {});
  }

  async registerDojo(dojoId: DojoId, tenantId: TenantId): Promise<TenantId> {
    const result = await this.#pool.query<{ tenant_id: string }>(
      `insert into dojos (dojo_id, tenant_id) values ($1, $2)
       on conflict (dojo_id) do update set dojo_id = excluded.dojo_id
       returning tenant_id`,
      [dojoId, tenantId],
    );
    return result.rows[0]!.tenant_id as TenantId;
  }

  async dojoTenant(dojoId: DojoId): Promise<TenantId | null> {
    const result = await this.#pool.query<{ tenant_id: string }>('select tenant_id from dojos where dojo_id = $1', [
      dojoId,
    ]);
    return (result.rows[0]?.tenant_id as TenantId | undefined) ?? null;
  }

  async loadDocument(dojoId: DojoId): Promise<StoredDocument | null> {
    // One snapshot-consistent read so that a concurrent compaction cannot hide changes.
    const client = await this.#pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const snapshot = await client.query<{ bytes: Buffer }>('select bytes from dojo_snapshots where dojo_id = $1', [
        dojoId,
      ]);
      const changes = await client.query<{ id: string; bytes: Buffer }>(
        'select id, bytes from dojo_changes where dojo_id = $1 order by id',
        [dojoId],
      );
      await client.query('commit');
      if (snapshot.rowCount === 0 && changes.rowCount === 0) return null;
      return {
        snapshot: snapshot.rows[0] ? new Uint8Array(snapshot.rows[0].bytes) : null,
        changes: changes.rows.map((row) => new Uint8Array(row.bytes)),
        lastChangeId: Number(changes.rows.at(-1)?.id ?? 0),
      };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async appendChanges(dojoId: DojoId, changes: readonly Uint8Array[]): Promise<number> {
    if (changes.length === 0) return 0;
    const result = await this.#pool.query<{ id: string }>(
      `insert into dojo_changes (dojo_id, bytes)
       select $1, bytes from unnest($2::bytea[]) with ordinality as t(bytes, n) order by n
       returning id`,
      [dojoId, changes.map((change) => Buffer.from(change.buffer, change.byteOffset, change.byteLength))],
    );
    return Math.max(...result.rows.map((row) => Number(row.id)));
  }

  async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
    const dojoIds: string[] = [];
    const bytes: Buffer[] = [];
    for (const { dojoId, changes } of batch) {
      for (const change of changes) {
        dojoIds.push(dojoId);
        bytes.push(Buffer.from(change.buffer, change.byteOffset, change.byteLength));
      }
    }
    const last = new Map<DojoId, number>();
    if (bytes.length === 0) return last;
    // Identity values follow the ORDER BY, so each dojo's changes keep their order.
    const result = await this.#pool.query<{ id: string; dojo_id: string }>(
      `insert into dojo_changes (dojo_id, bytes)
       select dojo_id, bytes from unnest($1::uuid[], $2::bytea[]) with ordinality as t(dojo_id, bytes, n) order by n
       returning id, dojo_id`,
      [dojoIds, bytes],
    );
    for (const row of result.rows) {
      const id = Number(row.id);
      const dojoId = row.dojo_id as DojoId;
      if (id > (last.get(dojoId) ?? 0)) last.set(dojoId, id);
    }
    return last;
  }

  async compact(dojoId: DojoId, snapshot: Uint8Array, upToChangeId: number): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into dojo_snapshots (dojo_id, bytes, saved_at) values ($1, $2, now())
         on conflict (dojo_id) do update set bytes = excluded.bytes, saved_at = excluded.saved_at`,
        [dojoId, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength)],
      );
      await client.query('delete from dojo_changes where dojo_id = $1 and id <= $2', [dojoId, upToChangeId]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async saveRoomState(dojoId: DojoId, state: Record<string, unknown>): Promise<void> {
    await this.#pool.query('update dojos set room_state = $2 where dojo_id = $1', [dojoId, JSON.stringify(state)]);
  }

  async loadRoomState(dojoId: DojoId): Promise<Record<string, unknown> | null> {
    const result = await this.#pool.query<{ room_state: Record<string, unknown> | null }>(
      'select room_state from dojos where dojo_id = $1',
      [dojoId],
    );
    return result.rows[0]?.room_state ?? null;
  }

  async appendHistory(events: readonly HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#pool.query(
      `insert into dojo_history (dojo_id, tenant_id, kind, user_id, name, data, at)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
      [
        events.map((event) => event.dojoId),
        events.map((event) => event.tenantId),
        events.map((event) => event.kind),
        events.map((event) => event.userId),
        events.map((event) => event.name),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => new Date(event.at).toISOString()),
      ],
    );
  }

  async listHistory(
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null; kinds?: readonly HistoryKind[] },
  ): Promise<HistoryPage> {
    const after = decodeCursor(options.cursor);
    const result = await this.#pool.query<HistoryRow>(
      `select * from dojo_history
       where dojo_id = $1 and id > $2 and ($3::text[] is null or kind = any($3))
       order by id limit $4`,
      [dojoId, after, options.kinds ?? null, options.limit + 1],
    );
    const items = result.rows.slice(0, options.limit).map(toEvent);
    const more = result.rows.length > options.limit;
    return { items, nextCursor: more && items.length ? encodeCursor(items.at(-1)!.id) : null };
  }

  async recentChat(dojoId: DojoId, limit: number): Promise<StoredHistoryEvent[]> {
    const result = await this.#pool.query<HistoryRow>(
      `select * from (select * from dojo_history where dojo_id = $1 and kind = 'chat' order by id desc limit $2) latest
       order by id`,
      [dojoId, limit],
    );
    return result.rows.map(toEvent);
  }

  async ping(): Promise<void> {
    await this.#pool.query('select 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
