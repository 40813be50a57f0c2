import test from 'ava';
import pg from 'pg';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startMediaWorker } from './helpers/media-worker.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

// The real worker rendering one job at a time from the emulated SQS queue: the queue is the only thing
// deciding whose job goes next, so what this test sees is what admission before SQS makes of it.
let platform: TestPlatform;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;

test.before(async () => {
  platform = await startTestPlatform();
});
test.after.always(async () => {
  await worker?.stop();
  await platform?.close();
});

const report = { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'json' };
/** Until the outbox holds nothing unsent: every admitted job is on SQS (read as the owner: RLS hides rows otherwise). */
async function waitForRelay() {
  const client = new pg.Client({ connectionString: platform.ownerUrl });
  await client.connect();
  try {
    while ((await client.query('select 1 from outbox where sent_at is null limit 1')).rowCount) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

const finished = (status: string) => status === 'succeeded' || status === 'failed';

test("a team's pile of jobs does not starve another team's single report", async (t) => {
  const api = new ApiClient(platform.url);
  const busy = await signUpTeam(api, 'Busy Team');
  const quiet = await signUpTeam(api, 'Quiet Team');
  await api.as(INTERNAL_TOKEN).request('PUT', `/internal/v1/tenants/${busy.tenant.id}/plan`, {
    plan: 'free',
    overrides: { reportsPerDay: 100, concurrentJobs: 1 },
  });
  const pile: string[] = [];
  for (let i = 0; i < 12; i++) pile.push((await busy.owner.post('/v1/reports', report)).body.jobId);
  const busyDone = async () =>
    (await Promise.all(pile.map(async (id) => (await busy.owner.get(`/v1/jobs/${id}`)).body.status))).filter(finished)
      .length;
  const { jobId } = (await quiet.owner.post('/v1/reports', report)).body;
  // Everything is asked for before the worker starts, so the order on the queue alone decides.
  await waitForRelay();
  worker = await startMediaWorker(platform, { MEDIA_CONCURRENCY: '1' });

  const deadline = Date.now() + 60_000;
  let mine = '';
  while (!finished(mine) && Date.now() < deadline) {
    mine = (await quiet.owner.get(`/v1/jobs/${jobId}`)).body.status;
    if (!finished(mine)) await new Promise((r) => setTimeout(r, 50));
  }
  t.is(mine, 'succeeded');
  const done = await busyDone();
  // The quiet team's report queued behind at most the busy team's one admitted job (and the one admitted
  // when that finished, if the worker took it first), never behind the pile.
  t.true(done <= 2, `${done} of the busy team's 12 jobs finished before the quiet team's one`);

  // And the pile still drains, one slot at a time.
  while (Date.now() < deadline) {
    const statuses = await Promise.all(pile.map(async (id) => (await busy.owner.get(`/v1/jobs/${id}`)).body.status));
    if (statuses.every(finished)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const last = await Promise.all(pile.map(async (id) => (await busy.owner.get(`/v1/jobs/${id}`)).body.status));
  t.deepEqual(
    last,
    pile.map(() => 'succeeded'),
  );
});
