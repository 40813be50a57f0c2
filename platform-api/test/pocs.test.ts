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

const poc = (overrides: Record<string, unknown> = {}) => ({
  name: 'Realtime cursors',
  description: 'Live cursors over WebSockets',
  languages: ['TypeScript'],
  tags: ['realtime'],
  ...overrides,
});

test('create answers 201 with server fields and labels in their display spelling', async (t) => {
  const { owner, user } = await signUpTeam(api);
  const reply = await owner.post(
    '/v1/pocs',
    poc({
      name: '  Cafe\u0301 CRDT  ',
      languages: [' TypeScript ', 'typescript', 'Go'],
      tags: ['CRDT', 'crdt ', 'Real   Time'],
      repoUrl: 'https://git.example.com/crdt',
      status: 'active',
      startedAt: '2026-01-10',
      finishedAt: '2026-02-01',
    }),
  );
  t.is(reply.status, 201);
  t.is(reply.body.name, 'Café CRDT');
  t.deepEqual(reply.body.languages, ['TypeScript', 'Go']);
  t.deepEqual(reply.body.tags, ['CRDT', 'Real Time']);
  t.is(reply.body.ownerId, user.id);
  t.is(reply.body.version, 1);
  t.is(reply.body.status, 'active');
  t.is(reply.body.startedAt, '2026-01-10');
  t.is(reply.headers.get('etag'), '"1"');
  t.truthy(Date.parse(reply.body.createdAt));
  const fetched = await owner.get(`/v1/pocs/${reply.body.id}`);
  t.deepEqual(fetched.body, reply.body);
});

test('defaults: status idea, empty tags and description', async (t) => {
  const { owner } = await signUpTeam(api);
  const reply = await owner.post('/v1/pocs', { name: 'Bare', languages: ['rust'] });
  t.is(reply.status, 201);
  t.is(reply.body.status, 'idea');
  t.deepEqual(reply.body.tags, []);
  t.is(reply.body.description, '');
  t.is(reply.body.repoUrl, null);
});

test('list pages through everything once, newest first, with a stable cursor', async (t) => {
  const { owner } = await signUpTeam(api);
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) ids.push((await owner.post('/v1/pocs', poc({ name: `P${i}` }))).body.id);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const reply: any = await owner.get(`/v1/pocs?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    t.is(reply.status, 200);
    seen.push(...reply.body.items.map((p: { id: string }) => p.id));
    cursor = reply.body.nextCursor;
  } while (cursor);
  t.deepEqual(seen, [...ids].reverse());
});

test('list filters by language, tag, owner and status', async (t) => {
  const { owner, user } = await signUpTeam(api);
  await owner.post('/v1/pocs', poc({ name: 'A', languages: ['Go'], tags: ['cli'], status: 'done' }));
  await owner.post('/v1/pocs', poc({ name: 'B', languages: ['Rust'], tags: ['cli', 'wasm'] }));
  await owner.post('/v1/pocs', poc({ name: 'C', languages: ['Go', 'Rust'], tags: ['wasm'] }));
  const names = async (query: string) =>
    (await owner.get(`/v1/pocs?${query}`)).body.items.map((p: { name: string }) => p.name).sort();
  t.deepEqual(await names('language=GO'), ['A', 'C']);
  t.deepEqual(await names('tag=wasm'), ['B', 'C']);
  t.deepEqual(await names('language=rust&tag=cli'), ['B']);
  t.deepEqual(await names('status=done'), ['A']);
  t.deepEqual(await names(`owner=${user.id}`), ['A', 'B', 'C']);
  t.deepEqual(await names('owner=00000000-0000-4000-8000-000000000000'), []);
});

test('languages take the catalogue spelling; tags the spelling the team first gave them', async (t) => {
  const { owner } = await signUpTeam(api);
  const first = await owner.post('/v1/pocs', poc({ name: 'First', languages: ['golang', 'ts', 'c#'], tags: ['K8s'] }));
  t.deepEqual(first.body.languages, ['Go', 'TypeScript', 'C#']);
  const second = await owner.post('/v1/pocs', poc({ name: 'Second', languages: ['Gleam'], tags: ['k8s', '#Edge'] }));
  t.deepEqual(second.body.languages, ['Gleam'], 'a language the catalogue lacks is kept as written');
  t.deepEqual(second.body.tags, ['K8s', 'Edge'], 'the team spelling wins; a typed "#" is not part of the tag');
  const patched = await owner.patch(`/v1/pocs/${second.body.id}`, { tags: ['EDGE', 'k8S'] }, { 'if-match': '"1"' });
  t.deepEqual(patched.body.tags, ['EDGE', 'K8s'], 'a POC may respell a tag only it has');
});

test('list filters match case-insensitively, by alias, and with a leading #', async (t) => {
  const { owner } = await signUpTeam(api);
  await owner.post('/v1/pocs', poc({ name: 'A', languages: ['C#'], tags: ['DevOps'] }));
  await owner.post('/v1/pocs', poc({ name: 'B', languages: ['Go'], tags: ['web'] }));
  const names = async (query: string) =>
    (await owner.get(`/v1/pocs?${query}`)).body.items.map((p: { name: string }) => p.name).sort();
  t.deepEqual(await names(`language=${encodeURIComponent('c#')}`), ['A']);
  t.deepEqual(await names('language=golang'), ['B']);
  t.deepEqual(await names(`tag=${encodeURIComponent('#devops')}`), ['A']);
  t.deepEqual(await names('tag=DEVOPS'), ['A']);
});

test('patch needs If-Match; a stale version is 412 and changes nothing', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', poc())).body;
  const noPrecondition = await owner.patch(`/v1/pocs/${created.id}`, { name: 'X' });
  t.is(noPrecondition.status, 428);
  const ok = await owner.patch(`/v1/pocs/${created.id}`, { name: 'Renamed', tags: ['New'] }, { 'if-match': '"1"' });
  t.is(ok.status, 200);
  t.is(ok.body.version, 2);
  t.is(ok.body.name, 'Renamed');
  t.deepEqual(ok.body.tags, ['New']);
  t.is(ok.headers.get('etag'), '"2"');
  const stale = await owner.patch(`/v1/pocs/${created.id}`, { name: 'Lost update' }, { 'if-match': '"1"' });
  t.is(stale.status, 412);
  t.is(stale.body.code, 'version_conflict');
  t.is((await owner.get(`/v1/pocs/${created.id}`)).body.name, 'Renamed');
});

test('patch keeps dates consistent with the stored ones', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', poc({ startedAt: '2026-03-01' }))).body;
  const reply = await owner.patch(`/v1/pocs/${created.id}`, { finishedAt: '2026-02-01' }, { 'if-match': '"1"' });
  t.is(reply.status, 400);
  t.is(reply.body.errors[0].field, 'finishedAt');
});

test('only the owner of a POC or an admin may change or delete it', async (t) => {
  const team = await signUpTeam(api);
  const member = (await joinTeam(platform, team.owner, { email: 'm@example.com', name: 'Max' })).client;
  const ownersPoc = (await team.owner.post('/v1/pocs', poc())).body;
  t.is((await member.get(`/v1/pocs/${ownersPoc.id}`)).status, 200);
  const denied = await member.patch(`/v1/pocs/${ownersPoc.id}`, { name: 'Mine now' }, { 'if-match': '"1"' });
  t.is(denied.status, 403);
  t.is(denied.body.code, 'forbidden');
  t.is((await member.delete(`/v1/pocs/${ownersPoc.id}`)).status, 403);
  const membersPoc = (await member.post('/v1/pocs', poc({ name: 'By member' }))).body;
  const byAdmin = await team.owner.patch(`/v1/pocs/${membersPoc.id}`, { status: 'done' }, { 'if-match': '"1"' });
  t.is(byAdmin.status, 200);
});

test('delete removes the POC; a second delete is 404', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', poc())).body;
  t.is((await owner.delete(`/v1/pocs/${created.id}`)).status, 204);
  t.is((await owner.get(`/v1/pocs/${created.id}`)).status, 404);
  t.is((await owner.delete(`/v1/pocs/${created.id}`)).status, 404);
});

test('bad ids and cursors are 400 problems, not 500s', async (t) => {
  const { owner } = await signUpTeam(api);
  for (const path of [
    '/v1/pocs/not-a-uuid',
    '/v1/pocs?cursor=garbage',
    `/v1/pocs?cursor=${Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')}`,
    '/v1/pocs?limit=0',
    '/v1/pocs?limit=1000',
    '/v1/pocs?status=finished',
    '/v1/pocs?unknown=1',
  ]) {
    const reply = await owner.get(path);
    t.is(reply.status, 400, path);
    t.is(reply.body.code, 'validation_failed', path);
  }
});

test('list items are exactly the POCs as GET returns them', async (t) => {
  const { owner } = await signUpTeam(api);
  const full = (
    await owner.post(
      '/v1/pocs',
      poc({
        name: 'Full "quoted" \\ name',
        repoUrl: 'https://x.example/r',
        startedAt: '2026-01-02',
        finishedAt: '2026-03-04',
      }),
    )
  ).body;
  const bare = (await owner.post('/v1/pocs', { name: 'Bare', languages: ['go'] })).body;
  const list = await owner.get('/v1/pocs');
  t.is(list.headers.get('content-type'), 'application/json; charset=utf-8');
  t.deepEqual(list.body.items, [
    (await owner.get(`/v1/pocs/${bare.id}`)).body,
    (await owner.get(`/v1/pocs/${full.id}`)).body,
  ]);
  t.is(list.body.nextCursor, null);
  t.deepEqual((await owner.get('/v1/pocs?tag=nothing')).body, { items: [], nextCursor: null });

  // A change shows in the list at once, as GET shows it.
  const patched = await owner.patch(
    `/v1/pocs/${full.id}`,
    { name: 'Renamed', status: 'done', finishedAt: null },
    { 'if-match': '"1"' },
  );
  t.is(patched.status, 200);
  const after = await owner.get('/v1/pocs');
  t.deepEqual(after.body.items[1], (await owner.get(`/v1/pocs/${full.id}`)).body);
  t.like(after.body.items[1], { name: 'Renamed', status: 'done', finishedAt: null, version: 2 });
});
