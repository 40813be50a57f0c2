import { fuzzBudget, fuzzReport } from '@pocdojo/common/dev/testing/fuzz';
import test from 'ava';
import fc from 'fast-check';
import pg from 'pg';
import { ApiClient, type Reply, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

/**
 * A property over every write endpoint: whatever the body, path id and caller,
 * the answer is a success or a 4xx problem+json, never a 5xx; a refused request
 * changes no row; and after any request every POC's current version and every
 * job has its outbox event (nothing half-written). Budget: fuzzBudget.
 */

let platform: TestPlatform;
let api: ApiClient;
let db: pg.Client;

test.before(async () => {
  platform = await startTestPlatform({ LOGIN_RATE_PER_IP: '100000000', LOGIN_FREE_FAILURES: '100000000' });
  api = new ApiClient(platform.url);
  db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
});
test.after.always(async () => {
  await db?.end();
  await platform?.close();
});

// ---- values: plausible ones, and everything a hostile client can put in JSON --------------------------------

/** Any UTF-16 code unit: NUL, controls, lone surrogates, U+FFFE/U+FFFF. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});
const specials = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uFFFF',
  '\uFFFE',
  '\u{10FFFF}',
  '😀',
  '👩‍💻 Ação 中文',
  '\u001b[31m',
  'line\nbreak',
  'tab\there',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '-001000-01-01',
  '+275760-09-13',
  'fizzbuzz',
  'roman-numerals',
  '../../etc/passwd',
  "'; drop table pocs; --",
  'x'.repeat(70_000),
);
const text = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 4, arbitrary: specials },
);
const dateSpecials = fc.constantFrom(
  '0000-01-01',
  '0001-01-01',
  '0999-12-31',
  '1000-01-01',
  '9999-12-31',
  '2026-02-29',
  '2028-02-29',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-01-01T00:00:00-00:00',
);
const isoDate = fc.oneof(
  { weight: 3, arbitrary: dateSpecials },
  fc
    .date({ min: new Date(-70_000_000_000_000), max: new Date(300_000_000_000_000), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  text,
);
const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -2, max: 600 }),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** A field: mostly of its type (valid or not), sometimes any JSON at all. */
const field = <T>(typed: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: anyJson });
const languageName = fc.constantFrom('typescript', 'python', 'java', 'go', 'cobol');
const role = fc.constantFrom('owner', 'admin', 'member', 'root');
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });
/** A valid body with one field replaced by a fuzzed value: reaches the handler with one bad (or odd) field. */
const mutate = (valid: Record<string, unknown>, fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .constantFrom(...Object.keys(fields))
    .chain((key) => (fields[key] as fc.Arbitrary<unknown>).map((value) => ({ ...valid, [key]: value })));
/**
 * The body: mostly a valid one with one or two fields fuzzed (so the odd value
 * gets past the other fields' validation), else a random subset of fuzzed
 * fields (maybe with an unknown key), any JSON, or not JSON at all.
 */
const body = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, valid: Record<string, unknown> = {}) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(valid) },
    { weight: 8, arbitrary: mutate(valid, fields) },
    { weight: 3, arbitrary: mutate(valid, fields).chain((once) => mutate(once, fields)) },
    { weight: 3, arbitrary: record(fields) },
    { weight: 1, arbitrary: record({ ...fields, [`x${'y'}`]: anyJson }) },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.string().map((s) => ({ raw: `{${s}` })) },
  );

const pocFields = {
  name: field(text),
  description: field(text),
  languages: field(fc.array(fc.oneof(languageName, text), { maxLength: 25 })),
  tags: field(fc.array(text, { maxLength: 35 })),
  repoUrl: field(fc.oneof(fc.webUrl(), text, fc.constant(null))),
  status: field(fc.constantFrom('idea', 'active', 'done', 'archived', 'finished')),
  startedAt: field(fc.oneof(isoDate, fc.constant(null))),
  finishedAt: field(fc.oneof(isoDate, fc.constant(null))),
};
const starterFiles = fc.dictionary(fc.oneof(fc.constantFrom('main.go', 'a/b.py', 'x.ts'), text), text, {
  maxKeys: 3,
});
const dojoFields = {
  title: field(text),
  kataId: field(fc.oneof(fc.constantFrom('fizzbuzz', 'bowling-game', 'fuzz-kata'), text, fc.constant(null))),
  language: field(languageName),
  durationMinutes: field(number),
  rotationMinutes: field(number),
  editPolicy: field(fc.constantFrom('driver', 'everyone', 'nobody')),
  scheduledAt: field(fc.oneof(isoDate, fc.constant(null))),
};
const passwords = fc.oneof(fc.constant(STRONG_PASSWORD), text);
const validDojo = {
  title: 'Fuzz dojo',
  kataId: 'fizzbuzz',
  language: 'go',
  durationMinutes: 60,
  rotationMinutes: 7,
  editPolicy: 'everyone',
};

/** A path id: the fixture's own (`@`), another uuid, or garbage (percent-encoded NUL, surrogate, U+FFFF…). */
const pathId = fc.oneof(
  { weight: 4, arbitrary: fc.constant('@') },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '%00', '%ED%A0%80', '%EF%BF%BF', '%', '..', 'x'.repeat(300)) },
);

interface Call {
  actor: 'owner' | 'member' | 'anonymous';
  method: string;
  path: string;
  /** Which fixture `@` in the path stands for. */
  fixture?: 'poc' | 'dojo' | 'member';
  id?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const call = (method: string, path: string, bodyArb?: fc.Arbitrary<unknown>, fixture?: Call['fixture']) =>
  fc
    .record({
      actor: fc.constantFrom<Call['actor']>('owner', 'owner', 'owner', 'member', 'anonymous'),
      id: pathId,
      body: bodyArb ?? fc.constant(undefined),
      // Header values are bytes (fetch refuses anything else): printable ASCII and Latin-1.
      // `@`: the fixture's current version, so that an edit gets past the precondition.
      ifMatch: fc.option(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant('@') },
          { weight: 1, arbitrary: fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"ÿ"') },
          { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,20}$/) },
        ),
        { nil: undefined },
      ),
    })
    .map(
      ({ actor, id, body, ifMatch }): Call => ({
        actor,
        method,
        path,
        fixture,
        id,
        body,
        headers: ifMatch === undefined ? undefined : { 'if-match': ifMatch },
      }),
    );

/** Every write endpoint of platform-api. */
const writes = fc.oneof(
  call('POST', '/v1/pocs', body(pocFields, { name: 'Fuzz', languages: ['go'] })),
  call('PATCH', '/v1/pocs/:id', body({ ...pocFields, ownerId: field(fc.uuid()) }, { name: 'Fuzzed' }), 'poc'),
  call('DELETE', '/v1/pocs/:id', undefined, 'poc'),
  call(
    'POST',
    '/v1/pocs/:id/attachments',
    body(
      {
        fileName: field(text),
        contentType: field(fc.constantFrom('application/pdf', 'image/png', 'text/html')),
        bytes: field(number),
      },
      { fileName: 'notes.pdf', contentType: 'application/pdf', bytes: 1000 },
    ),
    'poc',
  ),
  call(
    'POST',
    '/v1/katas',
    body(
      {
        id: field(fc.oneof(fc.constantFrom('fuzz-kata', 'fizzbuzz'), text)),
        title: field(text),
        summary: field(text),
        description: field(text),
        difficulty: field(fc.constantFrom('easy', 'medium', 'hard', 'nightmare')),
        tags: field(fc.array(text, { maxLength: 3 })),
        starters: field(fc.dictionary(languageName, fc.record({ files: field(starterFiles) }), { maxKeys: 2 })),
      },
      {
        id: 'fuzz-kata',
        title: 'Fuzz kata',
        summary: 'A kata',
        description: 'Do it.',
        difficulty: 'easy',
        tags: [],
        starters: { go: { files: { 'main.go': 'package main\n' } } },
      },
    ),
  ),
  call(
    'PUT',
    '/v1/katas/fuzz-kata',
    body(
      { id: field(fc.constantFrom('fuzz-kata', 'other')), title: field(text) },
      {
        id: 'fuzz-kata',
        title: 'Fuzz kata',
        summary: 'A kata',
        description: 'Do it.',
        difficulty: 'easy',
        tags: [],
        starters: { go: { files: { 'main.go': 'package main\n' } } },
      },
    ),
  ),
  call('DELETE', '/v1/katas/fuzz-kata'),
  call('DELETE', '/v1/katas/fizzbuzz'),
  call('POST', '/v1/dojos/:id/poc', undefined, 'dojo'),
  call('POST', '/v1/dojos', body(dojoFields, validDojo)),
  call('PATCH', '/v1/dojos/:id', body({ ...dojoFields, finished: field(fc.boolean()) }, { title: 'Fuzzed' }), 'dojo'),
  call('DELETE', '/v1/dojos/:id', undefined, 'dojo'),
  call('POST', '/v1/dojos/:id/tickets', undefined, 'dojo'),
  call(
    'POST',
    '/v1/reports',
    body(
      {
        scope: field(fc.oneof(fc.constantFrom('tenant', 'me'), fc.record({ userId: field(fc.uuid()) }))),
        from: field(isoDate),
        to: field(isoDate),
        format: field(fc.constantFrom('pdf', 'csv', 'json', 'xml')),
      },
      { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'csv' },
    ),
  ),
  call('POST', '/v1/videos', body({ year: field(number), userId: field(fc.uuid()) }, { year: 2026 })),
  call(
    'POST',
    '/v1/invitations',
    body(
      {
        email: field(fc.oneof(fc.emailAddress(), text)),
        role,
        locale: field(fc.constantFrom('pt-BR', 'en', 'fr', text)),
      },
      { email: 'new@example.com' },
    ),
  ),
  call('PATCH', '/v1/me', body({ name: field(text), locale: field(fc.constantFrom('pt-BR', 'en', text)) })),
  call('PATCH', '/v1/members/:id', body({ role: field(role) }, { role: 'admin' }), 'member'),
  call('DELETE', '/v1/members/:id', undefined, 'member'),
  call('POST', '/v1/me/password', body({ currentPassword: field(passwords), newPassword: field(passwords) })),
  call('POST', '/v1/me/sign-out-everywhere'),
  call(
    'POST',
    '/v1/signup',
    body(
      {
        tenantName: field(text),
        tenantSlug: field(fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,42}$/), text)),
        name: field(text),
        email: field(fc.oneof(fc.emailAddress(), text)),
        password: field(passwords),
      },
      { tenantName: 'Fuzz team', name: 'Fuzz', email: 'fuzz@example.com', password: STRONG_PASSWORD },
    ),
  ),
  call('POST', '/v1/auth/login', body({ tenant: field(text), email: field(text), password: field(passwords) })),
  call('POST', '/v1/auth/refresh', body({ refreshToken: field(text) })),
  call('POST', '/v1/auth/logout', body({ refreshToken: field(text) })),
);

// ---- the fixture: a team whose owner and member act, with a POC and a dojo to aim at --------------------------

interface Fixture {
  team: Awaited<ReturnType<typeof signUpTeam>>;
  owner: ApiClient;
  member?: ApiClient;
  memberId?: string;
  password: string;
  poc?: string;
  dojo?: string;
}

async function newFixture(): Promise<Fixture> {
  const team = await signUpTeam(api);
  return { team, owner: team.owner, password: STRONG_PASSWORD };
}

/** Re-creates what earlier runs deleted or revoked, so each run has something to aim at. */
async function restore(f: Fixture): Promise<void> {
  if ((await f.owner.get('/v1/me')).status !== 200) {
    const login = await api.post('/v1/auth/login', { tenant: f.team.slug, email: f.team.email, password: f.password });
    if (login.status !== 200) throw new Error(`the fixture owner cannot log in again: ${login.status}`);
    f.owner = api.as(login.body.accessToken);
  }
  if (!f.poc || (await f.owner.get(`/v1/pocs/${f.poc}`)).status !== 200) {
    f.poc = (await f.owner.post('/v1/pocs', { name: 'Fixture', languages: ['go'] })).body.id;
  }
  if (!f.dojo || (await f.owner.get(`/v1/dojos/${f.dojo}`)).status !== 200) {
    f.dojo = (
      await f.owner.post('/v1/dojos', {
        title: 'Fixture',
        language: 'go',
        durationMinutes: 60,
        rotationMinutes: 7,
        editPolicy: 'everyone',
      })
    ).body.id;
  }
  if (!f.member || (await f.member.get('/v1/me')).status !== 200) {
    const email = `member-${Math.random().toString(36).slice(2)}@example.com`;
    const joined = await joinTeam(platform, f.owner, { email, name: 'Member' });
    f.member = joined.client;
    f.memberId = joined.body.user.id;
  }
}

const counts = async () =>
  (
    await db.query(
      `select (select count(*) from tenants)::int as tenants, (select count(*) from users)::int as users,
              (select count(*) from refresh_tokens)::int as refresh_tokens, (select count(*) from pocs)::int as pocs,
              (select count(*) from attachments)::int as attachments, (select count(*) from katas)::int as katas,
              (select count(*) from dojos)::int as dojos, (select count(*) from jobs)::int as jobs,
              (select count(*) from outbox)::int as outbox`,
    )
  ).rows[0];

/** Rows a committed change left without the event that must accompany it. */
const halfWritten = async () =>
  (
    await db.query(
      `select (select count(*) from pocs p where not exists (
                 select 1 from outbox o where o.group_key = p.id::text and o.type = 'poc.upserted'
                    and (o.payload->'data'->>'version')::int = p.version))::int as pocs_without_event,
              (select count(*) from jobs j where not exists (
                 select 1 from outbox o where o.group_key = j.id::text))::int as jobs_without_event`,
    )
  ).rows[0];

async function send(f: Fixture, c: Call): Promise<Reply> {
  const fixtureId = c.fixture === 'poc' ? f.poc : c.fixture === 'dojo' ? f.dojo : f.memberId;
  const path = c.path.replace(':id', c.id === '@' ? (fixtureId ?? 'missing') : (c.id ?? ''));
  const client = c.actor === 'owner' ? f.owner : c.actor === 'member' && f.member ? f.member : api;
  const raw = c.body && typeof c.body === 'object' && 'raw' in c.body ? (c.body as { raw: string }).raw : undefined;
  const headers: Record<string, string> = {
    ...(raw !== undefined ? { 'content-type': 'application/json' } : {}),
    ...c.headers,
  };
  if (headers['if-match'] === '@') {
    const etag = c.fixture === 'poc' ? (await f.owner.get(`/v1/pocs/${f.poc}`)).headers.get('etag') : null;
    headers['if-match'] = etag ?? '"1"';
  }
  return client.request(c.method, path, raw ?? c.body, headers);
}

test('every write endpoint answers a success or a 4xx problem, never a 5xx, and never half-writes', async (t) => {
  const budget = fuzzBudget(150);
  const started = Date.now();
  let failures = 0;
  const statuses = new Map<string, number>();
  const fixture = await newFixture();
  try {
    await fc.assert(
      fc.asyncProperty(writes, async (c) => {
        await restore(fixture);
        const before = await counts();
        const reply = await send(fixture, c);
        const key = `${c.method} ${c.path} ${reply.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const label = `${c.actor} ${c.method} ${c.path} → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 300)}`;
        // The one 5xx a write may answer: saving a dojo as a POC while no dojo-engine answers (no engine runs
        // here), a retryable dependency outage with Retry-After — and it must write nothing either.
        const engineAway = reply.status === 503 && reply.body?.code === 'dojo_engine_unavailable';
        if (reply.status >= 500 && !engineAway) throw new Error(`5xx: ${label}`);
        if (reply.status >= 400) {
          if (reply.headers.get('content-type') !== 'application/problem+json')
            throw new Error(`not a problem: ${label}`);
          if (reply.body?.status !== reply.status) throw new Error(`problem status differs: ${label}`);
          const after = await counts();
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            throw new Error(`a refused request wrote: ${JSON.stringify(before)} → ${JSON.stringify(after)}: ${label}`);
          }
        } else if (reply.status < 200 || reply.status >= 300) {
          throw new Error(`neither success nor problem: ${label}`);
        }
        if (c.method === 'POST' && c.path === '/v1/me/password' && c.actor === 'owner' && reply.status === 204) {
          fixture.password = (c.body as { newPassword: string }).newPassword;
        }
        const broken = await halfWritten();
        if (broken.pocs_without_event || broken.jobs_without_event) {
          throw new Error(`half-written: ${JSON.stringify(broken)} after ${label}`);
        }
      }),
      { numRuns: budget.numRuns, seed: budget.seed, endOnFailure: true },
    );
  } catch (error) {
    failures = 1;
    throw error;
  } finally {
    t.log(fuzzReport('platform-api write endpoints', budget, started, failures));
    if (process.env.FUZZ_RUNS)
      t.log(
        [...statuses]
          .sort()
          .map(([key, n]) => `${key}: ${n}`)
          .join('\n'),
      );
  }
  t.pass();
});
