import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startMediaWorker } from './helpers/media-worker.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  worker = await startMediaWorker(platform);
  api = new ApiClient(platform.url);
});
test.after.always(async () => {
  await worker?.stop();
  await platform?.close();
});

/** Polls the job until it ends; `seen` is every status it showed, in the order first seen. */
async function finished(client: ApiClient, jobId: string) {
  const seen: string[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = (await client.get(`/v1/jobs/${jobId}`)).body;
    if (seen.at(-1) !== job.status) seen.push(job.status);
    if (job.status === 'succeeded' || job.status === 'failed' || Date.now() > deadline) return { job, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.serial('a yearly video goes queued → running → succeeded and the presigned URL serves an MP4', async (t) => {
  const { owner } = await signUpTeam(api);
  for (const [name, startedAt] of [
    ['Realtime cursors', '2026-02-01'],
    ['Edge cache', '2026-05-10'],
    ['Search engine', '2026-09-20'],
  ]) {
    await owner.post('/v1/pocs', { name, languages: ['go'], tags: ['video'], startedAt, status: 'done' });
  }
  const { jobId } = (await owner.post('/v1/videos', { year: 2026 })).body;
  const { job, seen } = await finished(owner, jobId);
  t.is(job.status, 'succeeded', JSON.stringify(job));
  // Polling may miss a short state, but never sees them out of order.
  const order = ['queued', 'running', 'succeeded'];
  t.deepEqual(
    seen,
    order.filter((status) => seen.includes(status)),
    seen.join(' → '),
  );
  // The job was running before it succeeded, whatever the polling saw: a stage is set only by a
  // progress report, and progress applies only to a queued or running job, never to a finished one.
  t.truthy(job.stage);
  t.true(seen.includes('queued') || seen.includes('running'), 'the job was seen before it finished');
  t.is(job.progress, 100);
  t.is(job.result.contentType, 'video/mp4');
  const bytes = Buffer.from(await (await fetch(job.result.url)).arrayBuffer());
  t.is(bytes.length, job.result.bytes);
  t.is(bytes.subarray(4, 8).toString('latin1'), 'ftyp');
});

test.serial('a JSON report of the team counts its POCs, and a PDF report downloads', async (t) => {
  const { owner } = await signUpTeam(api);
  await owner.post('/v1/pocs', { name: 'One', languages: ['rust'], tags: ['a'], startedAt: '2026-03-01' });
  await owner.post('/v1/pocs', { name: 'Two', languages: ['rust', 'go'], tags: ['a', 'b'], startedAt: '2026-04-01' });
  const json = (
    await owner.post('/v1/reports', { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'json' })
  ).body;
  const pdf = (await owner.post('/v1/reports', { scope: 'me', from: '2026-01-01', to: '2026-12-31', format: 'pdf' }))
    .body;
  const jsonJob = (await finished(owner, json.jobId)).job;
  t.is(jsonJob.status, 'succeeded', JSON.stringify(jsonJob));
  const figures = await (await fetch(jsonJob.result.url)).json();
  t.is(figures.totals.pocs, 2);
  // Registered as "rust" and "go": reports show the catalogue spelling.
  t.deepEqual(Object.fromEntries(figures.byLanguage.map((c: { name: string; count: number }) => [c.name, c.count])), {
    Rust: 2,
    Go: 1,
  });
  // The analytics page's endpoint computes the very same figures: one definition of each, in common/.
  const live = (await owner.get('/v1/analytics?from=2026-01-01&to=2026-12-31')).body;
  const { schemaVersion, generatedAt, ...reported } = figures;
  const { options, generatedAt: liveAt, ...computed } = live;
  t.is(schemaVersion, 2);
  t.deepEqual(reported, computed);
  t.truthy(generatedAt && liveAt && options);
  const pdfJob = (await finished(owner, pdf.jobId)).job;
  t.is(pdfJob.status, 'succeeded', JSON.stringify(pdfJob));
  const bytes = Buffer.from(await (await fetch(pdfJob.result.url)).arrayBuffer());
  t.is(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
});

test.serial("another tenant cannot read a team's job", async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  const { jobId } = (
    await a.owner.post('/v1/reports', { scope: 'tenant', from: '2026-01-01', to: '2026-01-31', format: 'csv' })
  ).body;
  t.is((await b.owner.get(`/v1/jobs/${jobId}`)).status, 404);
  const done = (await finished(a.owner, jobId)).job;
  t.is(done.status, 'succeeded');
  t.true(decodeURIComponent(done.result.url).includes(`tenants/${a.tenant.id}/reports/`));
});
