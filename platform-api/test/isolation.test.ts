import test from 'ava';
import pg from 'pg';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

async function twoTenants() {
  const a = await signUpTeam(api, 'Tenant A');
  const b = await signUpTeam(api, 'Tenant B');
  const pocA = (await a.owner.post('/v1/pocs', { name: 'Secret A', languages: ['go'], tags: ['secret'] })).body;
  const joined = await joinTeam(platform, a.owner, { email: 'a2@example.com', name: 'A2' });
  return { a, b, pocA, memberA: joined.body.user };
}

test("tenant B gets 404 for every endpoint on tenant A's ids, and nothing changes", async (t) => {
  const { a, b, pocA, memberA } = await twoTenants();
  const attempts = [
    () => b.owner.get(`/v1/pocs/${pocA.id}`),
    () => b.owner.patch(`/v1/pocs/${pocA.id}`, { name: 'pwned' }, { 'if-match': '"1"' }),
    () => b.owner.delete(`/v1/pocs/${pocA.id}`),
    () => b.owner.get(`/v1/pocs/${pocA.id}/attachments`),
    () => b.owner.post(`/v1/pocs/${pocA.id}/attachments`, { fileName: 'x.txt', contentType: 'text/plain', bytes: 3 }),
    () => b.owner.patch(`/v1/members/${memberA.id}`, { role: 'admin' }),
    () => b.owner.delete(`/v1/members/${memberA.id}`),
  ];
  for (const attempt of attempts) {
    const reply = await attempt();
    t.is(reply.status, 404, JSON.stringify(reply.body));
    t.is(reply.body.code, 'not_found');
  }
  const listB = await b.owner.get('/v1/pocs');
  t.deepEqual(listB.body.items, []);
  t.false(JSON.stringify((await b.owner.get('/v1/members')).body).includes('a2@example.com'));
  t.false(JSON.stringify((await b.owner.get(`/v1/pocs?owner=${a.user.id}`)).body).includes('Secret A'));
  const still = await a.owner.get(`/v1/pocs/${pocA.id}`);
  t.is(still.body.name, 'Secret A');
  t.is(still.body.version, 1);
  const membersA = await a.owner.get('/v1/members');
  t.is(membersA.body.items.find((m: { id: string }) => m.id === memberA.id).role, 'member');
});

test('row-level security holds even when the query forgets the tenant filter', async (t) => {
  const { a, b } = await twoTenants();
  const client = new pg.Client({ connectionString: platform.appUrl });
  await client.connect();
  try {
    const asTenant = async (tenantId: string | null, sql: string) => {
      await client.query('begin');
      if (tenantId) await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await client.query(sql);
      await client.query('rollback');
      return result;
    };
    const unfiltered = await asTenant(b.tenant.id, 'select name, tenant_id from pocs');
    t.true(unfiltered.rows.every((row) => row.tenant_id === b.tenant.id));
    t.false(unfiltered.rows.some((row) => row.name === 'Secret A'));
    t.is((await asTenant(null, 'select * from pocs')).rowCount, 0, 'no tenant set: nothing visible');
    t.is((await asTenant(null, 'select * from users')).rowCount, 0);
    const users = await asTenant(b.tenant.id, 'select email from users');
    t.deepEqual(
      users.rows.map((r) => r.email),
      [b.email],
    );
    const update = await asTenant(b.tenant.id, `update pocs set name = 'pwned'`);
    t.is(update.rowCount, 0);
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
    const error = await t.throwsAsync(
      client.query(
        `insert into pocs (id, tenant_id, owner_id, name, status) values (gen_random_uuid(), $1, $2, 'sneaky', 'idea')`,
        [a.tenant.id, a.user.id],
      ),
    );
    t.regex(error?.message ?? '', /row-level security/);
    await client.query('rollback');
  } finally {
    await client.end();
  }
});

test('the app role is neither superuser nor exempt from RLS, and every tenant table forces it', async (t) => {
  const client = new pg.Client({ connectionString: platform.appUrl });
  await client.connect();
  try {
    const role = await client.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    t.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false });
    const tables = await client.query(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
        where relname in ('tenants', 'users', 'refresh_tokens', 'pocs', 'attachments', 'outbox') order by relname`,
    );
    t.is(tables.rowCount, 6);
    for (const row of tables.rows) {
      t.true(row.relrowsecurity, row.relname);
      t.true(row.relforcerowsecurity, row.relname);
    }
  } finally {
    await client.end();
  }
});
