import test from 'ava';
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

/**
 * A three-person team (Caio owns nothing) with six POCs over 2026 and one in 2025. Expected values are
 * counted by hand: 3 done (one without a finish date), 1 active, 1 idea, 1 archived with a start date.
 */
async function team() {
  const t = await signUpTeam(api, 'Equipe Ágil');
  const bia = await joinTeam(platform, t.owner, { email: `bia-${t.slug}@example.com`, name: 'Bia Reis' });
  await joinTeam(platform, t.owner, { email: `caio-${t.slug}@example.com`, name: 'Caio Melo' });
  const pocs: [typeof t.owner, Record<string, unknown>][] = [
    [
      t.owner,
      {
        name: 'Pix gateway',
        languages: ['Go'],
        tags: ['payments'],
        status: 'done',
        startedAt: '2026-01-10',
        finishedAt: '2026-02-20',
      },
    ],
    [
      t.owner,
      { name: 'Boleto OCR', languages: ['Python'], tags: ['payments', 'ml'], status: 'done', startedAt: '2026-02-03' },
    ],
    [
      t.owner,
      { name: 'NFe parser', languages: ['Go', 'Rust'], tags: ['tax'], status: 'active', startedAt: '2026-03-15' },
    ],
    [
      bia.client,
      {
        name: 'Open finance',
        languages: ['TypeScript'],
        tags: ['payments'],
        status: 'done',
        startedAt: '2026-03-01',
        finishedAt: '2026-04-02',
      },
    ],
    [bia.client, { name: 'Chatbot', languages: ['Python'], tags: ['ml'], status: 'idea' }],
    [bia.client, { name: 'Old CRM', languages: ['Java'], tags: [], status: 'archived', startedAt: '2026-05-05' }],
    [t.owner, { name: 'Last year', languages: ['Go'], tags: ['payments'], status: 'done', startedAt: '2025-12-30' }],
  ];
  for (const [client, body] of pocs) {
    const created = await client.post('/v1/pocs', body);
    if (created.status !== 201) throw new Error(`${created.status} ${JSON.stringify(created.body)}`);
  }
  return { ...t, bia };
}

test('the team figures of a year, with the same definitions as the reports', async (t) => {
  const { owner, bia } = await team();
  // Up to the end of this year, so the idea POC (registered today, no start date) is in the period.
  const until = `${new Date().getUTCFullYear() + 1}-01-01`;
  const year = await owner.get(`/v1/analytics?from=2026-01-01&to=${until}`);
  t.is(year.status, 200, JSON.stringify(year.body));
  const figures = year.body;
  t.is(figures.tenantName, 'Equipe Ágil');
  t.deepEqual(figures.totals, { pocs: 6, members: 3, owners: 2, languages: 5, tags: 3, started: 5, done: 3 });
  t.deepEqual(
    figures.funnel.map((s: { stage: string; reached: number }) => [s.stage, s.reached]),
    [
      ['registered', 6],
      ['started', 5],
      ['finished', 3],
    ],
  );
  // Labels compared case-insensitively: how they are spelt is the POC form's business.
  const lower = (counts: { name: string; count: number }[]) => counts.map((c) => [c.name.toLowerCase(), c.count]);
  t.deepEqual(lower(figures.byLanguage), [
    ['go', 2],
    ['python', 2],
    ['java', 1],
    ['rust', 1],
    ['typescript', 1],
  ]);
  t.deepEqual(lower(figures.byTag)[0], ['payments', 3]);
  // Finished by month: Feb (finish date), Feb (no finish date: its own month), Apr.
  t.deepEqual(
    figures.newVersusFinished.slice(0, 5).map((m: { finished: number }) => m.finished),
    [0, 2, 0, 1, 0],
  );
  t.deepEqual(
    figures.options.members.map((m: { name: string }) => m.name),
    ['Bia Reis', 'Caio Melo', 'Olivia Owner'],
  );
  t.deepEqual(
    figures.options.languages.map((name: string) => name.toLowerCase()),
    ['go', 'python', 'java', 'rust', 'typescript'],
  );

  const biaOnly = await bia.client.get(`/v1/analytics?from=2026-01-01&to=${until}&memberId=${bia.body.user.id}`);
  t.like(biaOnly.body.totals, { pocs: 3, started: 2, done: 1, owners: 1 });
  t.is(biaOnly.body.userName, 'Bia Reis');
  const payments = await owner.get(`/v1/analytics?from=2026-01-01&to=${until}&tag=PAYMENTS&language=go`);
  t.like(payments.body.totals, { pocs: 1, done: 1 });
  t.deepEqual(payments.body.options.tags, figures.options.tags, 'the options ignore the selected filters');
  const q1 = await owner.get('/v1/analytics?from=2026-01-01&to=2026-04-01');
  t.is(q1.body.byMonth.length, 3);
  t.is(q1.body.totals.pocs, 4);
});

test('a period must end after it starts; unknown parameters and other teams are refused', async (t) => {
  const a = await signUpTeam(api);
  const backwards = await a.owner.get('/v1/analytics?from=2026-05-01&to=2026-01-01');
  t.is(backwards.status, 400);
  t.regex(backwards.headers.get('content-type') ?? '', /application\/problem\+json/);
  t.is((await a.owner.get('/v1/analytics?from=2026-01-01&to=2027-01-01&owner=x')).status, 400);
  t.is((await a.owner.as('').get('/v1/analytics?from=2026-01-01&to=2027-01-01')).status, 401);
  const b = await signUpTeam(api);
  await b.owner.post('/v1/pocs', { name: 'B secret', languages: ['Go'], status: 'active', startedAt: '2026-02-01' });
  const seen = await a.owner.get('/v1/analytics?from=2026-01-01&to=2027-01-01');
  t.is(seen.body.totals.pocs, 0, "another team's POCs are never counted");
});
