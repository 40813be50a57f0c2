import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@pocdojo/common/dev/ports';
import test from 'ava';
import { eventually } from '../helpers/dojo-client.ts';
import { dojoFixture } from '../helpers/tickets.ts';
import { type EngineCluster, type EngineProcess, startCluster } from '../scale/helpers/engine-cluster.ts';
import { RejoiningClient } from '../scale/helpers/rejoining-client.ts';

/**
 * Redis restarted (empty: no persistence) under a dojo served by two engine
 * processes. A Redis of this test's own, never the shared one. Nobody crashes,
 * the typing clients keep their room, joins work again within 5 s of Redis
 * coming back — into the same room, not a second one for the same dojo — and
 * no edit is lost.
 */
const FILE = 'fizzbuzz.ts';
let redisPort: number;
let redis: ChildProcess | undefined;
let cluster: EngineCluster;

async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = undefined;
  if (!child || child.exitCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

test.before(async () => {
  redisPort = await freePort();
  redis = await startRedis();
  cluster = await startCluster(2, { redisUrl: `redis://127.0.0.1:${redisPort}` });
});
test.after.always(async () => {
  await cluster?.close().catch(() => {});
  await stopRedis();
});

const byProcessId = (processId: string | undefined) =>
  cluster.processes.find((engine) => engine.processId === processId)!;
const alive = (engine: EngineProcess) => engine.child.exitCode === null && engine.child.signalCode === null;

test('Redis restarts during a dojo on two processes: no crash, joins work again, no edit lost', async (t) => {
  const dojo = dojoFixture(cluster.key);
  const ada = new RejoiningClient(() => dojo.ticket({ name: 'Ada' }));
  const bob = new RejoiningClient(() => dojo.ticket({ name: 'Bob' }));
  await ada.join(cluster.processes[0]!.url);
  const owner = byProcessId(ada.reservation!.processId);
  const other = cluster.processes.find((engine) => engine !== owner)!;
  await bob.join(other.url);
  t.is(bob.reservation!.processId, owner.processId);
  await eventually(() => ada.text(FILE) !== undefined && bob.text(FILE) !== undefined, 10_000, 'starter files');

  const typed: string[] = [];
  let typing = true;
  const typist = setInterval(() => {
    if (!typing) return;
    const a = `[a${typed.length}]`;
    typed.push(a);
    ada.insert(FILE, a, 0);
    const b = `[b${typed.length}]`;
    typed.push(b);
    bob.insert(FILE, b);
  }, 20);
  await eventually(() => typed.length >= 40, 20_000, 'typing before the restart');

  await stopRedis();
  const typedAtStop = typed.length;
  await eventually(() => typed.length >= typedAtStop + 40, 20_000, 'typing while Redis is down');
  redis = await startRedis();
  const restartedAt = Date.now();

  // A newcomer asks the process that does not own the room: it must find the room again.
  const carol = new RejoiningClient(() => dojo.ticket({ name: 'Carol' }));
  await carol.rejoin(other.url, restartedAt + 60_000);
  const rejoinMs = Date.now() - restartedAt;
  t.log(`joins worked again ${rejoinMs} ms after Redis came back`);
  // The promise: no fixed settle wait, the dojo's lease in Postgres says who owns the room.
  t.true(rejoinMs < 5000, `joins work again within 5 s of Redis returning (took ${rejoinMs} ms)`);
  t.is(carol.reservation!.processId, owner.processId, 'the newcomer lands in the existing room, not a second one');

  const typedAtStart = typed.length;
  await eventually(() => typed.length >= typedAtStart + 40, 20_000, 'typing after the restart');
  typing = false;
  clearInterval(typist);
  await eventually(
    () => ada.text(FILE) === bob.text(FILE) && carol.text(FILE) === ada.text(FILE),
    30_000,
    'convergence',
  ).catch((error) => {
    for (const [name, c] of Object.entries({ ada, bob, carol }))
      t.log(name, c.droppedAt, c.droppedCode, c.text(FILE)?.length, c.errors.length, c.reservation?.processId);
    throw error;
  });
  t.true(cluster.processes.every(alive), 'both engine processes are still running');
  t.is(ada.droppedAt, undefined, 'Ada kept her room');
  t.is(bob.droppedAt, undefined, 'Bob kept his room');
  t.deepEqual([...ada.errors, ...bob.errors, ...carol.errors], []);
  const text = carol.text(FILE)!;
  const lost = typed.filter((token) => text.split(token).length !== 2);
  t.deepEqual(lost, [], `${lost.length} of ${typed.length} edits missing or duplicated`);
  await Promise.all([ada.close(), bob.close(), carol.close()]);
});
