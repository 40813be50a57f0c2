import { randomUUID } from 'node:crypto';
import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/dojo-protocol/document';
import { Audience, signToken, TokenType } from '@pocdojo/common/tokens';
import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ room: { emptyGraceMs: 300, compactEvery: 5 } });
});
test.after.always(async () => {
  await engine?.close();
});

const FILE = 'fizzbuzz.ts';

const token = (tenantId: string) =>
  signToken(
    engine.key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
    { sub: randomUUID(), tid: tenantId, roles: ['member'] },
  );

async function get(path: string, bearer?: string) {
  const response = await fetch(`${engine.url}${path}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
}

const committed = () =>
  eventually(
    () => [...engine.server.metrics.rooms].every((room) => room.persistBacklog() === 0),
    30_000,
    'every accepted change committed',
  );

test.serial('the timeline holds every accepted change with its author and time, paged, past compaction', async (t) => {
  const dojo = dojoFixture(engine.key);
  const adaId = randomUUID();
  const bobId = randomUUID();
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: adaId, name: 'Ada' }), { relay: true });
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: bobId, name: 'Bob' }));
  await eventually(() => ada.text(FILE) !== undefined && bob.text(FILE) !== undefined, 5000, 'starter');
  const before = Date.now();
  for (let i = 0; i < 8; i++) ada.type(FILE, 0, String(i));
  await eventually(() => bob.text(FILE)?.startsWith('76543210') === true, 5000, 'Ada’s keystrokes reach Bob');
  bob.type(FILE, bob.text(FILE)!.length, '// bob\n');
  await eventually(() => ada.text(FILE) === bob.text(FILE), 5000, 'converged');
  await committed();
  const after = Date.now();

  const bearer = await token(dojo.tenantId);
  const replay = await get(`/v1/dojos/${dojo.dojoId}/replay`, bearer);
  t.is(replay.status, 200);
  const users = new Map(replay.body.actors.map((a: { actor: string; userId: string }) => [a.actor, a.userId]));
  // The rows as changes: actor from the page's list, each dependency resolved (a number: k changes back).
  const items: Array<{ at: number; hash: string; deps: string[]; actor: string }> = [];
  let pages = 0;
  for (let cursor: string | null = null; ; pages++) {
    const page = await get(
      `/v1/dojos/${dojo.dojoId}/timeline?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      bearer,
    );
    t.is(page.status, 200);
    const onPage: string[] = [];
    for (const [kind, at, hash, deps, actor] of page.body.rows) {
      t.is(kind, 0, 'only changes: nobody ran the tests');
      items.push({
        at,
        hash,
        deps: deps.map((dep: string | number) => (typeof dep === 'number' ? onPage[onPage.length - dep]! : dep)),
        actor: page.body.actors[actor],
      });
      onPage.push(hash);
    }
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  t.is(pages, 2, 'nine changes come in three pages of three');
  t.is(items.length, 9, 'eight keystrokes of Ada and one edit of Bob; the starter is the base, not a change of anyone');
  t.deepEqual(
    items.map((item) => users.get(item.actor)),
    [...Array(8).fill(adaId), bobId],
  );
  for (const item of items) t.true(item.at >= before - 5 && item.at <= after, 'the time the room accepted it');

  // The document served for replay holds every change (compaction ran every 5), in the timeline's order.
  const doc = A.load<DojoDoc>(Buffer.from(replay.body.document, 'base64'));
  t.is(doc.files[FILE] as string | undefined, ada.text(FILE));
  const byHash = new Map(A.getChangesMetaSince(doc, []).map((meta) => [meta.hash, meta]));
  t.true(items.every((item) => byHash.get(item.hash)?.actor === item.actor));
  t.true(
    items.every((item) => JSON.stringify(byHash.get(item.hash)?.deps.sort()) === JSON.stringify(item.deps.sort())),
    'every dependency, back-references included, is the change’s own',
  );
  t.deepEqual(replay.body.actors.map((a: { userId: string; name: string }) => `${a.name}:${a.userId}`).sort(), [
    `Ada:${adaId}`,
    `Bob:${bobId}`,
  ]);
  // The files as they were after Ada's third keystroke.
  const third = A.view(doc, [items[2].hash]);
  t.true(third.files[FILE]!.startsWith('210export'));
  await ada.leave();
  await bob.leave();
});

test.serial('a test run is a coloured dot on the timeline, after the changes it ran against', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }), { relay: true });
  await eventually(() => ada.text(FILE) !== undefined, 5000, 'starter');
  ada.type(FILE, 0, '// a\n');
  await committed();
  await ada.leave();
  await eventually(() => engine.server.metrics.rooms.size === 0, 30_000, 'room disposed');
  // A run recorded in the history (as the room does when the runner answers).
  await engine.server.store.appendHistory([
    {
      dojoId: dojo.dojoId,
      tenantId: dojo.tenantId,
      kind: 'test_run',
      userId: null,
      name: 'Ada',
      data: { runId: randomUUID(), colour: 'red', summary: '1 failed' },
      at: Date.now(),
    },
  ]);
  const page = await get(`/v1/dojos/${dojo.dojoId}/timeline`, await token(dojo.tenantId));
  t.deepEqual(
    page.body.rows.map((row: unknown[]) => row[0]),
    [0, 1],
    'the change, then the run',
  );
  t.like(page.body.rows[1][2], { colour: 'red', summary: '1 failed', name: 'Ada' });
});

test.serial('replay and timeline answer members of the dojo’s tenant only, and refuse bad input', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  await eventually(() => ada.text(FILE) !== undefined, 5000, 'starter');
  await ada.leave();
  const own = await token(dojo.tenantId);
  const foreign = await token(randomUUID());
  for (const path of ['replay', 'timeline', 'outcome']) {
    const answer = await get(`/v1/dojos/${dojo.dojoId}/${path}`, foreign);
    t.is(answer.status, 404, path);
    t.is(answer.type, 'application/problem+json');
    t.is(answer.body.code, 'dojo_not_found');
    t.regex(answer.body.detail, /another team/);
    t.is((await get(`/v1/dojos/${dojo.dojoId}/${path}`)).status, 401);
    t.is((await get(`/v1/dojos/${dojo.dojoId}/${path}`, own)).status, 200);
  }
  t.is((await get('/v1/dojos/not-a-uuid/timeline', own)).status, 400);
  const badCursor = await get(`/v1/dojos/${dojo.dojoId}/timeline?cursor=nope`, own);
  t.is(badCursor.body.errors[0].field, 'cursor');
  t.is((await get(`/v1/dojos/${dojo.dojoId}/timeline?limit=10001`, own)).body.errors[0].field, 'limit');

  // One user cannot flood the engine with replays: past the minute's allowance, 429 with Retry-After.
  const flooder = await token(dojo.tenantId);
  // The allowance refills at one a second: on a slow machine a few more than 60 pass before the first 429.
  let served = 0;
  let refused: Awaited<ReturnType<typeof get>> | undefined;
  while (!refused && served < 200) {
    const answer = await get(`/v1/dojos/${dojo.dojoId}/timeline?limit=1`, flooder);
    if (answer.status === 200) served++;
    else refused = answer;
  }
  t.true(served >= 60, `${served} served before the first refusal`);
  t.is(refused?.status, 429);
  t.is(refused?.body.code, 'rate_limited');
  t.is((await get(`/v1/dojos/${dojo.dojoId}/timeline?limit=1`, own)).status, 200, 'others are not held back');
});

test.serial('the outcome carries the final files, the traffic lights and the participants', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }), { relay: true });
  await eventually(() => ada.text(FILE) !== undefined, 5000, 'starter');
  ada.type(FILE, 0, '// final\n');
  await committed();
  await ada.leave();
  await eventually(() => engine.server.metrics.rooms.size === 0, 30_000, 'room disposed');
  const outcome = await get(`/v1/dojos/${dojo.dojoId}/outcome`, await token(dojo.tenantId));
  t.true(outcome.body.files[FILE].startsWith('// final\n'));
  t.deepEqual(
    outcome.body.participants.map((p: { name: string }) => p.name),
    ['Ada'],
  );
  t.deepEqual(outcome.body.runs, []);
});
