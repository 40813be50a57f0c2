import test from 'ava';
import pg from 'pg';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;
let owner: pg.Client;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
  owner = new pg.Client({ connectionString: platform.ownerUrl });
  await owner.connect();
});
test.after.always(async () => {
  await owner?.end();
  await platform?.close();
});

const counts = async () =>
  (
    await owner.query(
      `select (select count(*) from pocs)::int as pocs, (select count(*) from katas)::int as katas,
              (select count(*) from dojos)::int as dojos, (select count(*) from jobs)::int as jobs,
              (select count(*) from outbox)::int as outbox`,
    )
  ).rows[0];

const kata = (overrides: Record<string, unknown> = {}) => ({
  id: 'team-kata',
  title: 'Team kata',
  summary: 'A kata of our own',
  description: 'Line one.\n\tLine two.',
  difficulty: 'easy',
  tags: [],
  starters: { go: { files: { 'kata.go': 'package kata\n\nfunc F() {}\n' } } },
  ...overrides,
});
const dojo = (overrides: Record<string, unknown> = {}) => ({
  title: 'Dojo',
  kataId: 'fizzbuzz',
  language: 'go',
  durationMinutes: 60,
  rotationMinutes: 7,
  editPolicy: 'everyone',
  ...overrides,
});
const files = (text: string) => ({ go: { files: { 'kata.go': text } } });

test.serial(
  'text no transport or database can carry, dates Postgres cannot hold, and empty ids are 400s that write nothing',
  async (t) => {
    const team = await signUpTeam(api);
    const before = await counts();
    // Raw JSON, so lone surrogates reach the server as they would from a hostile client.
    const raw = (name: string) => `{"name":"${name}","languages":["go"]}`;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/v1/pocs', { name: 'p', languages: ['go'], startedAt: '0000-01-01' }, 'startedAt'],
      ['POST', '/v1/pocs', { name: 'p', languages: ['go'], finishedAt: '0999-12-31' }, 'finishedAt'],
      ['POST', '/v1/pocs', raw('lone \\ud800 surrogate'), 'name'],
      ['POST', '/v1/pocs', raw('lone \\udc00'), 'name'],
      ['POST', '/v1/pocs', { name: 'non\uFFFFcharacter', languages: ['go'] }, 'name'],
      ['POST', '/v1/pocs', { name: 'non\uFFFEcharacter', languages: ['go'] }, 'name'],
      ['POST', '/v1/pocs', { name: 'p', languages: ['go\u0000'] }, 'languages.0'],
      ['POST', '/v1/pocs', { name: 'p', languages: ['go'], description: 'escape \u001b[31m' }, 'description'],
      ['POST', '/v1/katas', kata({ title: 'nul\u0000' }), 'title'],
      ['POST', '/v1/katas', kata({ title: 'bell\u0007' }), 'title'],
      ['POST', '/v1/katas', kata({ title: 'two\nlines' }), 'title'],
      ['POST', '/v1/katas', kata({ summary: 'nul\u0000' }), 'summary'],
      ['POST', '/v1/katas', kata({ description: 'nul\u0000' }), 'description'],
      ['POST', '/v1/katas', kata({ starters: files('package kata\u0000') }), 'starters.go.files.kata.go'],
      ['POST', '/v1/katas', kata({ starters: files('package kata\u0007') }), 'starters.go.files.kata.go'],
      ['POST', '/v1/katas', kata({ starters: { go: { files: { 'a\u0000.go': 'x' } } } }), 'starters.go.files'],
      ['POST', '/v1/dojos', dojo({ kataId: 'fizz\u0000buzz' }), 'kataId'],
      ['POST', '/v1/dojos', dojo({ kataId: '' }), 'kataId'],
      ['POST', '/v1/dojos', dojo({ scheduledAt: '0000-01-01T10:00:00Z' }), 'scheduledAt'],
      ['POST', '/v1/reports', { scope: 'tenant', from: '0000-01-01', to: '2026-01-01', format: 'csv' }, 'from'],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await team.owner.request(method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`;
      t.is(reply.status, 400, label);
      t.is(reply.headers.get('content-type'), 'application/problem+json', label);
      t.true(
        reply.body.errors?.some((error: { field: string }) => error.field === field),
        `${label}: ${JSON.stringify(reply.body.errors)}`,
      );
    }
    for (const path of ['/v1/katas/%00', '/v1/katas/%EF%BF%BF', '/v1/pocs?tag=%00', '/v1/pocs/search?q=a%00b']) {
      const reply = await team.owner.get(path);
      t.is(reply.status, 400, path);
      t.is(reply.headers.get('content-type'), 'application/problem+json', path);
    }
    t.deepEqual(await counts(), before);
  },
);

test.serial(
  'the same text, valid, is stored and read back exactly: emoji, accents, tabs and line breaks in code',
  async (t) => {
    const team = await signUpTeam(api);
    const poc = await team.owner.post('/v1/pocs', {
      name: '😀 Ação 中文',
      languages: ['go'],
      startedAt: '1999-12-31',
      description: 'Linha um\nLinha dois',
    });
    t.is(poc.status, 201);
    t.like(poc.body, { name: '😀 Ação 中文', startedAt: '1999-12-31', description: 'Linha um\nLinha dois' });
    const code = 'package kata\n\nfunc F() {\n\treturn // 😀\r\n}\n';
    const created = await team.owner.post('/v1/katas', kata({ title: 'Kata 🥋', starters: files(code) }));
    t.is(created.status, 201);
    const read = await team.owner.get('/v1/katas/team-kata');
    t.is(read.body.title, 'Kata 🥋');
    t.is(read.body.starters.go.files['kata.go'], code);
    t.is((await team.owner.post('/v1/dojos', dojo({ kataId: 'team-kata' }))).status, 201);
  },
);
