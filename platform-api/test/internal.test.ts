import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

test('the internal export needs the service token, not a user token', async (t) => {
  const { accessToken } = await signUpTeam(api);
  t.is((await api.get('/internal/v1/pocs')).status, 401);
  t.is((await api.as(accessToken).get('/internal/v1/pocs')).status, 401);
  t.is(
    (await api.as('x'.repeat(40)).get('/internal/v1/members?tenantId=00000000-0000-4000-8000-000000000000')).status,
    401,
  );
});

test('the export pages through every tenant in (createdAt, id) order and filters by tenant, owner and date', async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  await a.owner.post('/v1/pocs', { name: 'A1', languages: ['go'], startedAt: '2025-06-01' });
  await a.owner.post('/v1/pocs', { name: 'A2', languages: ['go'], startedAt: '2026-03-01' });
  await b.owner.post('/v1/pocs', { name: 'B1', languages: ['rust'] });
  const internal = api.as(INTERNAL_TOKEN);
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const reply: any = await internal.get(`/internal/v1/pocs?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    t.is(reply.status, 200);
    names.push(...reply.body.items.map((p: { name: string }) => p.name));
    cursor = reply.body.nextCursor;
  } while (cursor);
  t.deepEqual(
    names.filter((n) => ['A1', 'A2', 'B1'].includes(n)),
    ['A1', 'A2', 'B1'],
  );
  const onlyA = await internal.get(`/internal/v1/pocs?tenantId=${a.tenant.id}`);
  t.true(onlyA.body.items.every((p: { tenantId: string }) => p.tenantId === a.tenant.id));
  t.is(onlyA.body.items.length, 2);
  const in2026 = await internal.get(
    `/internal/v1/pocs?tenantId=${a.tenant.id}&ownerId=${a.user.id}&from=2026-01-01&to=2027-01-01`,
  );
  t.deepEqual(
    in2026.body.items.map((p: { name: string }) => p.name),
    ['A2'],
  );
  const members = await internal.get(`/internal/v1/members?tenantId=${a.tenant.id}`);
  t.deepEqual(
    members.body.items.map((m: { email: string }) => m.email),
    [a.email],
  );
});

test("a tenant's dojos by id and title, for the yearly video, to the service token only", async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  const body = {
    kataId: 'roman-numerals',
    language: 'python',
    durationMinutes: 60,
    rotationMinutes: 7,
    editPolicy: 'driver',
  };
  const created = await a.owner.post('/v1/dojos', { ...body, title: 'Quinta do TDD' });
  t.is(created.status, 201);
  await b.owner.post('/v1/dojos', { ...body, title: 'Other team' });
  t.is((await a.owner.get(`/internal/v1/dojos?tenantId=${a.tenant.id}`)).status, 401);
  const listed = await api.as(INTERNAL_TOKEN).get(`/internal/v1/dojos?tenantId=${a.tenant.id}`);
  t.deepEqual(listed.body, { items: [{ id: created.body.id, title: 'Quinta do TDD' }] });
});
