import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/dev/ports';
import test from 'ava';
import type { RunningSearchIndexer } from '../../search-indexer/src/search-indexer.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { searchUntil, startTestSearchIndexer } from './helpers/search-indexer.ts';

let platform: TestPlatform;
let indexer: RunningSearchIndexer;
let dataDir: string;
let api: ApiClient;

test.before(async () => {
  const port = await freePort();
  platform = await startTestPlatform({ SEARCH_URL: `http://127.0.0.1:${port}` });
  dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-search-'));
  indexer = await startTestSearchIndexer(platform, port, dataDir);
  api = new ApiClient(platform.url);
});
test.after.always(async () => {
  await indexer?.stop();
  await platform?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test.serial('a POC is found with a typo after create, follows a rename, and disappears on delete', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Kubernetes operator', languages: ['Go'], tags: ['k8s'] }))
    .body;
  const found = await searchUntil(owner, 'q=kubernets', (b) => b.total === 1);
  t.is(found.status, 200);
  t.is(found.body.hits[0].id, created.id);
  t.deepEqual(found.body.facets.languages, { Go: 1 });
  t.is(found.body.hits[0].status, 'idea', 'a hit carries its status, for the same card as the list');
  t.regex(JSON.stringify(found.body.hits[0].highlight), /<mark>/);
  t.is((await owner.get('/v1/pocs/search?q=golang')).body.total, 1, 'a language alias is a synonym');
  t.is((await owner.get('/v1/pocs/search?q=kubernetes&statuses=done')).body.total, 0, 'filters apply to a search');
  t.is((await owner.get('/v1/pocs/search?q=kubernetes&tags=%23K8S')).body.total, 1, '"#tag" filters by the tag');
  await owner.patch(`/v1/pocs/${created.id}`, { name: 'Terraform provider' }, { 'if-match': '"1"' });
  const renamed = await searchUntil(owner, 'q=terrafrom', (b) => b.total === 1);
  t.is(renamed.body.hits[0]?.name, 'Terraform provider');
  t.is((await owner.get('/v1/pocs/search?q=kubernetes')).body.total, 0);
  await owner.delete(`/v1/pocs/${created.id}`);
  const gone = await searchUntil(owner, 'q=terraform', (b) => b.total === 0);
  t.is(gone.body.total, 0);
});

test.serial("search never returns another tenant's POCs", async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  await a.owner.post('/v1/pocs', { name: 'Confidential compiler', languages: ['rust'], tags: ['secret'] });
  await searchUntil(a.owner, 'q=confidential', (body) => body.total === 1);
  for (const query of ['q=confidential', 'q=', 'tags=secret', 'languages=rust']) {
    const reply = await b.owner.get(`/v1/pocs/search?${query}`);
    t.is(reply.status, 200, query);
    t.is(reply.body.total, 0, query);
  }
});

test.serial('bad search queries are clear 400s', async (t) => {
  const { owner } = await signUpTeam(api);
  for (const query of [
    `q=${'x'.repeat(500)}`,
    'limit=0',
    'limit=500',
    'offset=-1',
    'offset=990&limit=20',
    'unknown=1',
  ]) {
    const reply = await owner.get(`/v1/pocs/search?${query}`);
    t.is(reply.status, 400, query);
    t.is(reply.headers.get('content-type'), 'application/problem+json');
  }
  // An injection attempt is only words to search for: nothing of another tenant, and no error.
  const odd = await owner.get(`/v1/pocs/search?q=${encodeURIComponent('"\') OR tenantId != x 🚀')}`);
  t.is(odd.status, 200);
  t.is(odd.body.total, 0);
  // A NUL is no text anyone types: the one text policy refuses it, as in every stored string.
  const nul = await owner.get(`/v1/pocs/search?q=${encodeURIComponent('kata \u0000')}`);
  t.is(nul.status, 400);
  t.is(nul.headers.get('content-type'), 'application/problem+json');
});
