import test from 'ava';
import pg from 'pg';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

async function count(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: platform.ownerUrl });
  await client.connect();
  try {
    return Number((await client.query(`select count(*) from ${table}`)).rows[0].count);
  } finally {
    await client.end();
  }
}

const huge = 'x'.repeat(70_000);

test.serial('malformed POC bodies are 4xx problems and write nothing', async (t) => {
  const { owner } = await signUpTeam(api);
  const before = { pocs: await count('pocs'), outbox: await count('outbox') };
  const cases: Array<[unknown, number, string?]> = [
    [{}, 400, 'name'],
    [{ name: 42, languages: ['go'] }, 400, 'name'],
    [{ name: 'x', languages: 'go' }, 400, 'languages'],
    [{ name: 'x', languages: ['go'], status: 'finished' }, 400, 'status'],
    [{ name: 'x', languages: ['go'], extra: true }, 400, ''],
    [{ name: 'x'.repeat(201), languages: ['go'] }, 400, 'name'],
    [{ name: 'x', languages: Array.from({ length: 50 }, (_, i) => `l${i}`) }, 400, 'languages'],
    [{ name: 'x', languages: ['x'.repeat(41)] }, 400, 'languages.0'],
    [{ name: 'bell\u0007', languages: ['go'] }, 400, 'name'],
    [{ name: '   ', languages: ['go'] }, 400, 'name'],
    [{ name: 'x', languages: ['go'], repoUrl: 'javascript:alert(1)' }, 400, 'repoUrl'],
    [{ name: 'x', languages: ['go'], startedAt: '2026-13-45' }, 400, 'startedAt'],
    [{ name: 'x', languages: ['go'], startedAt: '2026-05-01', finishedAt: '2026-04-01' }, 400, 'finishedAt'],
    [[], 400],
    ['"just a string"', 400],
    ['{"name": "x", "languages": ["go"]', 400],
    [`{"name": "${huge}", "languages": ["go"]}`, 413],
  ];
  for (const [body, status, field] of cases) {
    const reply = await owner.post('/v1/pocs', body);
    t.is(reply.status, status, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(reply.body).slice(0, 200)}`);
    t.is(reply.headers.get('content-type'), 'application/problem+json');
    t.is(reply.body.status, status);
    t.false(JSON.stringify(reply.body).includes('at '), 'no stack trace');
    if (field !== undefined)
      t.true(
        reply.body.errors.some((e: { field: string }) => e.field === field),
        field,
      );
  }
  t.deepEqual({ pocs: await count('pocs'), outbox: await count('outbox') }, before);
});

test('unicode edge cases are accepted and normalised, not mangled', async (t) => {
  const { owner } = await signUpTeam(api);
  const reply = await owner.post('/v1/pocs', {
    name: '日本語 🚀 e\u0301',
    description: 'line one\nline two\ttabbed',
    languages: ['C++', 'F#'],
    tags: ['ΣΊΣΥΦΟΣ'],
  });
  t.is(reply.status, 201);
  t.is(reply.body.name, '日本語 🚀 é');
  t.is(reply.body.description, 'line one\nline two\ttabbed');
  t.deepEqual(reply.body.languages, ['C++', 'F#']);
  t.deepEqual(reply.body.tags, ['ΣΊΣΥΦΟΣ']);
});

test('a non-JSON body is 415 and an unknown route is a 404 problem', async (t) => {
  const { owner } = await signUpTeam(api);
  const form = await owner.request('POST', '/v1/pocs', 'name=x', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  t.is(form.status, 415);
  t.is(form.body.code, 'unsupported_media_type');
  const signup = await api.request('POST', '/v1/signup', '<xml/>', { 'content-type': 'text/xml' });
  t.is(signup.status, 415);
  const missing = await owner.get('/v1/nothing-here');
  t.is(missing.status, 404);
  t.is(missing.headers.get('content-type'), 'application/problem+json');
});

test.serial('malformed signup bodies write nothing', async (t) => {
  const before = { tenants: await count('tenants'), users: await count('users') };
  const cases = [
    { tenantName: 'x', name: 'n', email: 'a@b.co', password: STRONG_PASSWORD },
    { tenantName: 'Good name', name: 'n', email: 'not-an-email', password: STRONG_PASSWORD },
    { tenantName: 'Good name', tenantSlug: 'Bad Slug!', name: 'n', email: 'a@b.co', password: STRONG_PASSWORD },
    { tenantName: 'Good name', name: 'n', email: 'a@b.co', password: STRONG_PASSWORD, role: 'owner' },
    { tenantName: 'Good name', name: 'n', email: 'a@b.co', password: 'x'.repeat(2000) },
  ];
  for (const body of cases) {
    const reply = await api.post('/v1/signup', body);
    t.is(reply.status, 400, JSON.stringify(body).slice(0, 100));
    t.truthy(reply.body.errors?.length);
  }
  t.deepEqual({ tenants: await count('tenants'), users: await count('users') }, before);
});

test('health, readiness and metrics', async (t) => {
  t.is((await api.get('/healthz')).status, 200);
  const ready = await api.get('/readyz');
  t.is(ready.status, 200);
  t.is(ready.body.checks.database, 'ok');
  await api.get('/v1/pocs');
  // Metrics are for Prometheus on their own port: the public port does not serve them.
  t.is((await fetch(`${platform.url}/metrics`)).status, 404);
  const metrics = await fetch(platform.api.metricsUrl).then((r) => r.text());
  t.regex(metrics, /http_request_duration_seconds_bucket\{.*route="\/v1\/pocs"/);
  t.regex(metrics, /outbox_oldest_pending_seconds/);
});

test('the OpenAPI 3.1 document describes every route and the docs page serves', async (t) => {
  const doc = await api.get('/v1/openapi.json');
  t.is(doc.status, 200);
  t.is(doc.body.openapi, '3.1.0');
  for (const path of [
    '/v1/signup',
    '/v1/auth/login',
    '/v1/pocs',
    '/v1/pocs/{id}',
    '/v1/members/{id}',
    '/v1/pocs/search',
  ]) {
    t.truthy(doc.body.paths[path], path);
  }
  const create = doc.body.paths['/v1/pocs'].post;
  t.truthy(create.requestBody.content['application/json'].schema);
  t.truthy(doc.body.components.schemas.Problem);
  const page = await fetch(`${platform.url}/docs`);
  t.is(page.status, 200);
  t.regex(await page.text(), /swagger-ui-bundle\.js/);
  t.is((await fetch(`${platform.url}/docs/assets/swagger-ui-bundle.js`)).status, 200);
});

test('the request id is echoed and a client id is kept', async (t) => {
  const reply = await api.get('/healthz', { 'x-request-id': 'client-chosen-id-123' });
  t.is(reply.headers.get('x-request-id'), 'client-chosen-id-123');
});
