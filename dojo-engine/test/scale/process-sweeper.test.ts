import { randomBytes } from 'node:crypto';
import type { IRoomCache } from '@colyseus/core';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { Redis } from 'ioredis';
import { ColyseusKeys } from '../../src/scale/colyseus-keys.ts';
import { LivenessAwareDriver } from '../../src/scale/liveness-aware-driver.ts';
import { livenessKey, ProcessSweeper, type SweptProcess } from '../../src/scale/process-sweeper.ts';
import { redisUrl } from './helpers/engine-cluster.ts';

/** A sweeper for process "self" over a fresh key prefix, with hand-made peers in Redis. */
async function setup() {
  const keyPrefix = `test:sweeper:${randomBytes(5).toString('hex')}:`;
  const redis = new Redis(redisUrl(), { keyPrefix });
  const subscribers: Redis[] = [];
  const swept: SweptProcess[] = [];
  let sweeper: ProcessSweeper;
  const driver = new LivenessAwareDriver(redis.duplicate(), (id) => sweeper.isAlive(id));
  sweeper = new ProcessSweeper({
    redis,
    driver,
    processId: () => 'self',
    logger: createLogger('test'),
    onSwept: (entry) => swept.push(entry),
    options: { confirmMs: 50 },
  });
  const listing = (roomId: string, processId: string) =>
    ({ roomId, processId, name: 'dojo', clients: 0, maxClients: 10, locked: false, private: false }) as IRoomCache;
  return {
    redis,
    driver,
    sweeper,
    swept,
    listing,
    /** A peer with a roomcount entry, a listing, and optionally a liveness key and a subscribed IPC channel. */
    async peer(processId: string, options: { key: boolean; channel: boolean }) {
      await redis.hset(ColyseusKeys.roomCount, processId, '1,1');
      await driver.persist(listing(`room-of-${processId}`, processId), true);
      if (options.key) await redis.set(livenessKey(processId), '1', 'PX', 60_000);
      if (options.channel) {
        const subscriber = new Redis(redisUrl());
        await subscriber.subscribe(ColyseusKeys.processChannel(processId));
        subscribers.push(subscriber);
      }
    },
    async close() {
      await sweeper.stop();
      for (const subscriber of subscribers) subscriber.disconnect();
      // KEYS ignores the client's key prefix: match it explicitly, other tests share this Redis.
      const raw = new Redis(redisUrl());
      const keys = await raw.keys(`${keyPrefix}*`);
      if (keys.length) await raw.del(...keys);
      raw.disconnect();
      redis.disconnect();
      await driver.shutdown();
    },
  };
}

test('a sweep removes dead peers (expired key and no channel at once, closed channel after two sweeps) and keeps live ones', async (t) => {
  const s = await setup();
  const tag = randomBytes(4).toString('hex');
  const [dead, killed, live, newborn] = ['dead', 'killed', 'live', 'newborn'].map((name) => `${name}-${tag}`) as [
    string,
    string,
    string,
    string,
  ];
  try {
    await s.peer(dead, { key: false, channel: false });
    await s.peer(killed, { key: true, channel: false });
    await s.peer(live, { key: true, channel: true });
    await s.peer(newborn, { key: false, channel: true });

    const first = await s.sweeper.sweep();
    t.deepEqual(first, [{ processId: dead, rooms: 1, reason: 'heartbeat_expired' }]);
    const second = await s.sweeper.sweep();
    t.deepEqual(second, [{ processId: killed, rooms: 1, reason: 'channel_closed' }]);
    t.deepEqual(await s.sweeper.sweep(), [], 'a subscribed peer without a key is within its grace period');

    t.deepEqual((await s.redis.hkeys(ColyseusKeys.roomCount)).sort(), [live, newborn].sort());
    t.deepEqual((await s.driver.query({})).map((room) => room.processId).sort(), [live, newborn].sort());
    t.is(await s.redis.get(ColyseusKeys.swept(dead)), '1', 'a receipt lets a merely stalled process restore itself');
    t.is(await s.redis.get(ColyseusKeys.swept(killed)), '1');
    t.is(await s.redis.get(ColyseusKeys.swept(live)), null);
  } finally {
    await s.close();
  }
});

test('matchmaking lookups skip a dead owner (sweeping it) and room ids are inserted only once', async (t) => {
  const s = await setup();
  const tag = randomBytes(4).toString('hex');
  const live = `live-${tag}`;
  const killed = `killed-${tag}`;
  try {
    await s.peer(live, { key: true, channel: true });
    await s.peer(killed, { key: true, channel: false });

    t.is((await s.driver.findOne({ roomId: `room-of-${live}` }))?.processId, live);
    t.falsy(await s.driver.findOne({ roomId: `room-of-${killed}` }), 'the dead listing is not offered');
    t.deepEqual(s.swept, [{ processId: killed, rooms: 1, reason: 'unreachable' }]);
    t.is(await s.redis.hexists(ColyseusKeys.roomCount, killed), 0);

    t.false(await s.driver.insert(s.listing(`room-of-${live}`, 'self')), 'a live owner keeps its room id');
    t.true(await s.driver.insert(s.listing('dojo-1', 'self')));
    t.false(await s.driver.insert(s.listing('dojo-1', live)), 'the second create of one id loses');
    await s.driver.persist(s.listing('dojo-2', `ghost-${tag}`), true);
    t.true(await s.driver.insert(s.listing('dojo-2', 'self')), "a dead process's listing gives its id up");
    t.is((await s.driver.findOne({ roomId: 'dojo-2' }))?.processId, 'self');
  } finally {
    await s.close();
  }
});
