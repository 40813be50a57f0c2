import { randomBytes } from 'node:crypto';
import type { Presence } from '@colyseus/core';
import test from 'ava';
import { Redis } from 'ioredis';
import { EngineLocalPresence } from '../../src/scale/engine-local-presence.ts';
import { EngineRedisPresence } from '../../src/scale/engine-redis-presence.ts';
import { redisUrl } from './helpers/engine-cluster.ts';

/** Each presence the engine runs on, with what the suite may ask of its backend. */
const adapters: Array<{
  name: string;
  open(): Promise<{ presence: Presence; ttlSeconds(key: string): Promise<number | null>; close(): Promise<void> }>;
}> = [
  {
    name: 'EngineLocalPresence',
    async open() {
      const presence = new EngineLocalPresence();
      return { presence, ttlSeconds: async () => null, close: async () => presence.shutdown() };
    },
  },
  {
    name: 'EngineRedisPresence',
    async open() {
      const keyPrefix = `test:counters:${randomBytes(5).toString('hex')}:`;
      const presence = new EngineRedisPresence(new Redis(redisUrl(), { keyPrefix }));
      const raw = new Redis(redisUrl());
      return {
        presence,
        ttlSeconds: (key) => raw.ttl(`${keyPrefix}${key}`),
        async close() {
          const keys = await raw.keys(`${keyPrefix}*`);
          if (keys.length) await raw.del(...keys);
          raw.disconnect();
          presence.shutdown();
        },
      };
    },
  },
];

for (const adapter of adapters) {
  test(`${adapter.name}: a hash counter counts as HINCRBY does, and a field back at zero is gone`, async (t) => {
    const { presence, ttlSeconds, close } = await adapter.open();
    t.teardown(close);
    // What Colyseus's joinOrCreate does: one up per caller waiting to create a room for a filter, one down when done.
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', 1, 60), 1);
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', 1, 60), 2);
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:b', 1, 60), 1);
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', -1, 60), 1);
    t.is(await presence.hget('ch:dojo', 'dojoId:a'), '1');
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', -1, 60), 0);
    t.is(await presence.hget('ch:dojo', 'dojoId:a'), null, 'no field kept at "0"');
    t.deepEqual(await presence.hgetall('ch:dojo'), { 'dojoId:b': '1' }, 'the other counter is untouched');
    // Counting starts from zero again, as on a missing field.
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', 1, 60), 1);
    const ttl = await ttlSeconds('ch:dojo');
    if (ttl !== null) t.true(ttl > 0 && ttl <= 60, `the hash still expires (ttl ${ttl})`);
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:a', -1, 60), 0);
    t.is(await presence.hincrbyex('ch:dojo', 'dojoId:b', -1, 60), 0);
    t.is(await presence.hlen('ch:dojo'), 0);
  });
}
