import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/dev/ports';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { strFromU8, unzipSync } from 'fflate';
import { createDojoServer, type DojoServer } from '../../dojo-engine/src/server.ts';
import { createMigratedDatabase } from '../../dojo-engine/test/helpers/database.ts';
import { eventually, TestDojoClient } from '../../dojo-engine/test/helpers/dojo-client.ts';
import type { RunningSearchIndexer } from '../../search-indexer/src/search-indexer.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { searchUntil, startTestSearchIndexer } from './helpers/search-indexer.ts';

let platform: TestPlatform;
let indexer: RunningSearchIndexer;
let engine: DojoServer;
let engineClosed = false;
let engineDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
let dataDir: string;
let api: ApiClient;

test.before(async () => {
  const [searchPort, enginePort] = [await freePort(), await freePort()];
  platform = await startTestPlatform({
    SEARCH_URL: `http://127.0.0.1:${searchPort}`,
    DOJO_ENGINE_URL: `http://127.0.0.1:${enginePort}`,
  });
  dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-dojo-poc-'));
  indexer = await startTestSearchIndexer(platform, searchPort, dataDir);
  engineDb = await createMigratedDatabase();
  // The real engine, trusting platform-api's published key for tickets and access tokens alike.
  engine = createDojoServer({
    port: enginePort,
    host: '127.0.0.1',
    databaseUrl: engineDb.appUrl,
    keys: { jwksUrl: `${platform.url}/.well-known/jwks.json` },
    room: { emptyGraceMs: 200, reconnectSeconds: 1 },
    logger: createLogger('dojo-engine-test', process.env.LOG_LEVEL ?? 'silent'),
  });
  await engine.listen();
  api = new ApiClient(platform.url);
});

test.after.always(async () => {
  if (!engineClosed) await engine?.close();
  await engineDb?.drop();
  await indexer?.stop();
  await platform?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A Roman Numerals dojo someone typed in, with two traffic lights, then ended by its facilitator. */
async function heldDojo(owner: ApiClient, tenantId: string, title: string) {
  const dojo = (
    await owner.post('/v1/dojos', {
      title,
      kataId: 'roman-numerals',
      language: 'typescript',
      durationMinutes: 30,
      rotationMinutes: 5,
      editPolicy: 'everyone',
    })
  ).body;
  const ticket = (await owner.post(`/v1/dojos/${dojo.id}/tickets`)).body;
  const client = await TestDojoClient.join(engine.url, ticket.ticket, { relay: true });
  await eventually(() => Object.keys(client.doc.files ?? {}).length > 0, 10_000, 'starter files');
  const file = Object.keys(client.doc.files).find((path) => !path.includes('test'))!;
  client.type(file, 0, '// the dojo was here\n');
  await eventually(
    () => [...engine.metrics.rooms].every((room) => room.persistBacklog() === 0),
    30_000,
    'changes committed',
  );
  await engine.store.appendHistory(
    (['red', 'green'] as const).map((colour, i) => ({
      dojoId: dojo.id,
      tenantId: tenantId as never,
      kind: 'test_run' as const,
      userId: client.welcome!.userId as never,
      name: 'Olivia Owner',
      data: { runId: randomUUID(), colour, summary: colour === 'red' ? '1 failed, 2 passed' : '3 passed' },
      at: Date.now() + i,
    })),
  );
  await client.leave();
  return { dojo, file, text: client.text(file)! };
}

test.serial(
  'a finished dojo is saved as a POC: kata, lights, participants, the files as a zip, and it is found',
  async (t) => {
    const team = await signUpTeam(api);
    const { owner } = team;
    const { dojo, file, text } = await heldDojo(owner, team.tenant.id, 'Numerais romanos na sexta');

    const early = await owner.post(`/v1/dojos/${dojo.id}/poc`);
    t.is(early.status, 409, 'a live dojo cannot be saved yet');
    t.is(early.body.code, 'dojo_not_finished');

    t.is((await owner.patch(`/v1/dojos/${dojo.id}`, { finished: true })).status, 200);
    const saved = await owner.post(`/v1/dojos/${dojo.id}/poc`);
    t.is(saved.status, 201, JSON.stringify(saved.body));
    const poc = saved.body.poc;
    t.is(poc.name, 'Numerais romanos na sexta');
    t.deepEqual(poc.languages, ['TypeScript'], 'the dojo’s language in its catalogue spelling');
    t.deepEqual(poc.tags, ['tdd', 'beginner', 'algorithms', 'dojo']);
    t.is(poc.status, 'done');
    t.regex(poc.description, /into Roman numerals, and back again/);
    t.regex(poc.description, /Participants: Olivia Owner\./);
    t.regex(poc.description, /Traffic lights \(2 runs\): 🔴🟢/);
    t.regex(poc.description, /red by Olivia Owner: 1 failed, 2 passed/);

    // The final files, zipped into the tenant's storage and attached.
    const attachments = (await owner.get(`/v1/pocs/${poc.id}/attachments`)).body.items;
    t.is(attachments.length, 1);
    t.is(attachments[0].contentType, 'application/zip');
    t.is(attachments[0].fileName, 'Numerais-romanos-na-sexta.zip');
    const zip = new Uint8Array(await (await fetch(attachments[0].url)).arrayBuffer());
    const files = unzipSync(zip);
    t.is(strFromU8(files[file]!), text);
    t.true(text.startsWith('// the dojo was here\n'));

    // Searchable like any other POC, typo included.
    const found = await searchUntil(owner, 'q=numerais%20romamos', (body) => body.total === 1, 15_000);
    t.is(found.body.hits?.[0]?.id, poc.id);

    const again = await owner.post(`/v1/dojos/${dojo.id}/poc`);
    t.is(again.status, 409);
    t.is(again.body.code, 'dojo_already_saved');
    t.is((await owner.get('/v1/pocs')).body.items.length, 1, 'nothing was written twice');

    const stranger = (await signUpTeam(api, 'Other Team')).owner;
    const foreign = await stranger.post(`/v1/dojos/${dojo.id}/poc`);
    t.is(foreign.status, 404, 'another team’s dojo does not exist for them');
  },
);

test.serial('the engine not answering is a 503 with Retry-After, and nothing is written', async (t) => {
  const team = await signUpTeam(api);
  const { owner } = team;
  const { dojo } = await heldDojo(owner, team.tenant.id, 'Dojo while the engine is away');
  await owner.patch(`/v1/dojos/${dojo.id}`, { finished: true });
  await engine.close();
  engineClosed = true;
  const answer = await owner.post(`/v1/dojos/${dojo.id}/poc`);
  t.is(answer.status, 503);
  t.is(answer.body.code, 'dojo_engine_unavailable');
  t.is(answer.headers.get('retry-after'), '5');
  t.is((await owner.get('/v1/pocs')).body.items.length, 0);
});
