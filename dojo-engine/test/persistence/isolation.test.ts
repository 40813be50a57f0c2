import { randomUUID } from 'node:crypto';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import test from 'ava';
import pg from 'pg';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { appendChanges } from '../helpers/append-changes.ts';
import { createMigratedDatabase } from '../helpers/database.ts';

/**
 * Row-level security on the dojo database, checked with raw SQL as the app
 * role the engine connects with (as platform-api/test/isolation.test.ts does
 * for the platform): a query that forgets its tenant filter still sees one
 * tenant only, and nothing can be written into another tenant's dojo.
 */
const database = await createMigratedDatabase();
test.after.always(() => database.drop());

const TABLES = ['dojos', 'dojo_snapshots', 'dojo_changes', 'dojo_history'];

async function twoTenantsWithDojos() {
  const store = new PostgresDojoStore(database.appUrl, { maxConnections: 1 });
  try {
    const dojo = async (label: string) => {
      const tenantId = randomUUID() as TenantId;
      const dojoId = randomUUID() as DojoId;
      await store.registerDojo(dojoId, tenantId);
      await store.compact(tenantId, dojoId, Buffer.from(`snapshot ${label}`), 0);
      await appendChanges(store, tenantId, dojoId, [Buffer.from(`change ${label}`)]);
      await store.saveRoomState(tenantId, dojoId, { secret: label });
      await store.appendHistory([
        {
          dojoId,
          tenantId,
          kind: 'chat',
          userId: null,
          name: label,
          data: { text: `secret ${label}` },
          at: Date.now(),
        },
      ]);
      return { tenantId, dojoId };
    };
    return { a: await dojo('A'), b: await dojo('B') };
  } finally {
    await store.close();
  }
}

async function withAppClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.appUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `sql` in a transaction scoped to `tenantId` (or to nobody), then rolls back. */
async function asTenant(client: pg.Client, tenantId: string | null, sql: string, values: unknown[] = []) {
  await client.query('begin');
  try {
    if (tenantId) await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    return await client.query(sql, values);
  } finally {
    await client.query('rollback');
  }
}

test('row-level security holds even when the query forgets the tenant filter', async (t) => {
  const { a, b } = await twoTenantsWithDojos();
  await withAppClient(async (client) => {
    for (const table of TABLES) {
      t.is((await asTenant(client, null, `select * from ${table}`)).rowCount, 0, `${table}: no tenant, no rows`);
      const rows = (await asTenant(client, b.tenantId, `select * from ${table}`)).rows;
      t.true(rows.length > 0, `${table}: tenant B sees its own rows`);
      t.true(
        rows.every((row) => row.tenant_id === b.tenantId),
        `${table}: tenant B sees none of tenant A's rows`,
      );
      t.false(JSON.stringify(rows).includes('secret A'), table);
      const update = await asTenant(
        client,
        b.tenantId,
        `update ${table} set tenant_id = tenant_id where dojo_id = $1`,
        [a.dojoId],
      );
      t.is(update.rowCount, 0, `${table}: tenant B cannot touch A's rows`);
      const removed = await asTenant(client, b.tenantId, `delete from ${table} where dojo_id = $1`, [a.dojoId]);
      t.is(removed.rowCount, 0, `${table}: tenant B cannot delete A's rows`);
    }
    // Writing rows labelled with tenant A while scoped to B: refused by the policy's WITH CHECK.
    const forged = [
      [`insert into dojo_changes (dojo_id, tenant_id, bytes) values ($1, $2, '\\x00')`, [a.dojoId, a.tenantId]],
      [
        `insert into dojo_history (dojo_id, tenant_id, kind, data, at) values ($1, $2, 'chat', '{}', now())`,
        [a.dojoId, a.tenantId],
      ],
      [`insert into dojos (dojo_id, tenant_id) values ($1, $2)`, [randomUUID(), a.tenantId]],
    ] as const;
    for (const [sql, values] of forged) {
      const error = await t.throwsAsync(asTenant(client, b.tenantId, sql, [...values]));
      t.regex(error?.message ?? '', /row-level security/, sql);
    }
    // Rows labelled with B's tenant cannot be attached to A's dojo either (composite foreign key).
    const attached = await t.throwsAsync(
      asTenant(client, b.tenantId, `insert into dojo_changes (dojo_id, tenant_id, bytes) values ($1, $2, '\\x00')`, [
        a.dojoId,
        b.tenantId,
      ]),
    );
    t.regex(attached?.message ?? '', /foreign key/);
  });
  // And tenant A's data is intact.
  const store = new PostgresDojoStore(database.appUrl, { maxConnections: 1 });
  try {
    const stored = await store.loadDocument(a.tenantId, a.dojoId);
    t.is(Buffer.from(stored!.snapshot!).toString(), 'snapshot A');
    t.deepEqual(
      stored!.changes.map((change) => Buffer.from(change).toString()),
      ['change A'],
    );
    t.deepEqual(await store.loadRoomState(a.tenantId, a.dojoId), { secret: 'A' });
  } finally {
    await store.close();
  }
});

test('the app role is neither superuser nor exempt from RLS, and every dojo table forces it', async (t) => {
  await withAppClient(async (client) => {
    const role = await client.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    t.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false });
    const tables = await client.query(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
        where relname = any($1) and relkind = 'r' order by relname`,
      [TABLES],
    );
    t.is(tables.rowCount, TABLES.length);
    for (const row of tables.rows) {
      t.true(row.relrowsecurity, row.relname);
      t.true(row.relforcerowsecurity, row.relname);
    }
  });
});
