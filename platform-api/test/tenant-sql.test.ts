import type { TenantId } from '@pocdojo/common/contracts/ids';
import test from 'ava';
import pg from 'pg';
import { TenantSql } from '../src/db/tenant-sql.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

test('a one-round-trip read sees only its tenant, and the scope does not outlive the query', async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  await a.owner.post('/v1/pocs', { name: "O'Reilly's ? POC", languages: ['go'] });
  await b.owner.post('/v1/pocs', { name: 'B POC', languages: ['go'] });
  const sql = new TenantSql(platform.appUrl, { max: 1 });
  try {
    const rowsA = await sql.query<{ name: string }>(a.tenant.id as TenantId, 'select name from pocs');
    t.deepEqual(
      rowsA.map((r) => r.name),
      ["O'Reilly's ? POC"],
    );
    const quoted = await sql.query<{ name: string }>(a.tenant.id as TenantId, 'select name from pocs where name = ?', [
      "O'Reilly's ? POC",
    ]);
    t.is(quoted.length, 1);
    const injection = await sql.query(a.tenant.id as TenantId, 'select name from pocs where name = ?', [
      `x'; select set_config('app.tenant_id', '${b.tenant.id}', true); select '`,
    ]);
    t.deepEqual(injection, []);
    const scoped = await sql.query<{ current: string }>(
      a.tenant.id as TenantId,
      "select current_setting('app.tenant_id', true) as current",
    );
    t.is(scoped[0]?.current, a.tenant.id);
  } finally {
    await sql.close();
  }
});

test('the multi-statement scope ends with its implicit transaction on the same connection', async (t) => {
  const client = new pg.Client({ connectionString: platform.appUrl });
  await client.connect();
  try {
    await client.query("select set_config('app.tenant_id', '00000000-0000-4000-8000-000000000001', true); select 1");
    const after = await client.query("select coalesce(current_setting('app.tenant_id', true), '') as current");
    t.is(after.rows[0].current, '');
  } finally {
    await client.end();
  }
});
