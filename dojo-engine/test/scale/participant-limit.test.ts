import { randomUUID } from 'node:crypto';
import test from 'ava';
import { dojoFixture } from '../helpers/tickets.ts';
import { type EngineCluster, startCluster } from './helpers/engine-cluster.ts';
import { matchmake, RejoiningClient } from './helpers/rejoining-client.ts';

// The plan's participants at once are counted over all the team's dojos and both processes (seats in Redis).
let cluster: EngineCluster;
test.before(async () => {
  cluster = await startCluster(2);
});
test.after.always(() => cluster?.close());

test('a team at its plan limit is refused a new participant with 429 participant_limit, on either process, until someone leaves', async (t) => {
  const [one, two] = cluster.processes as [(typeof cluster.processes)[0], (typeof cluster.processes)[0]];
  const kata = dojoFixture(cluster.key);
  // A second dojo of the same team.
  const other = dojoFixture(cluster.key);
  const inTeam = { tenantId: kata.tenantId, maxp: 2 };
  const ada = { userId: randomUUID(), name: 'Ada' };
  const adaHere = new RejoiningClient(() => kata.ticket(ada, inTeam));
  const bob = new RejoiningClient(() => other.ticket({ name: 'Bob' }, { ...inTeam, dojoId: other.dojoId }));
  await adaHere.join(one.url);
  await bob.join(two.url);

  const cara = () => kata.ticket({ name: 'Cara' }, inTeam);
  const refused = await t.throwsAsync(matchmake(two.url, await cara()));
  t.regex(refused.message, /\(429\): participant_limit: the team's plan allows 2 people/);
  await t.throwsAsync(matchmake(one.url, await cara()), { message: /participant_limit/ });

  // Ada's second tab is the same person in the same dojo: no second seat.
  const adaTab = new RejoiningClient(() => kata.ticket(ada, inTeam));
  await adaTab.join(two.url);

  // Another team is not affected by this one's seats.
  const elsewhere = dojoFixture(cluster.key);
  const stranger = new RejoiningClient(() => elsewhere.ticket({ name: 'Dan' }, { maxp: 1 }));
  await stranger.join(one.url);

  await adaHere.close();
  await adaTab.close();
  // Leaving frees Ada's seat (released as the room sees her go).
  const deadline = Date.now() + 10_000;
  let seated: unknown;
  while (Date.now() < deadline) {
    seated = await matchmake(two.url, await cara()).catch((error: Error) => error);
    if (!(seated instanceof Error)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.false(seated instanceof Error, String(seated));
  await bob.close();
  await stranger.close();
});
