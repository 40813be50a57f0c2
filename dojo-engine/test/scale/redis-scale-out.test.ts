import { randomBytes } from 'node:crypto';
import { DOJO_ROOM_NAME } from '@pocdojo/common/contracts/dojo-protocol/messages';
import test from 'ava';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { joinCounterHash } from '../../src/scale/engine-redis-presence.ts';
import { createRedisScaleOut } from '../../src/scale/redis.ts';
import { redisUrl } from './helpers/engine-cluster.ts';

test('createRedisScaleOut refuses a bad REDIS_URL or PUBLIC_ADDRESS with a message naming the variable', async (t) => {
  await t.throwsAsync(createRedisScaleOut({ redisUrl: 'http://127.0.0.1:6379', publicAddress: 'a:1' }), {
    message: /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
  });
  await t.throwsAsync(createRedisScaleOut({ redisUrl: redisUrl() }), { message: /PUBLIC_ADDRESS is required/ });
  await t.throwsAsync(createRedisScaleOut({ redisUrl: redisUrl(), publicAddress: 'ws://engine:2567' }), {
    message: /PUBLIC_ADDRESS must be host:port or host\/path/,
  });
  await t.throwsAsync(createRedisScaleOut({ redisUrl: 'redis://127.0.0.1:1', publicAddress: 'engine-0:2567' }), {
    message: /cannot connect to REDIS_URL/,
  });
});

test('close() works whether or not the Colyseus server already shut presence and driver down', async (t) => {
  const first = await createRedisScaleOut({ redisUrl: redisUrl(), publicAddress: 'dojo.example.com/engine-0' });
  // What the Colyseus Server does in its graceful shutdown, before main.ts calls close().
  first.presence.shutdown();
  await first.driver.shutdown();
  await t.notThrowsAsync(first.close());
  await t.notThrowsAsync(first.close());

  const second = await createRedisScaleOut({ redisUrl: redisUrl(), publicAddress: '127.0.0.1:2567', sweeper: false });
  t.is(second.sweeper, undefined);
  await second.close();
  t.notThrows(() => second.presence.shutdown(), 'a later shutdown by the server is harmless');
});

test('a process found dead is counted in the registry by reason', async (t) => {
  const registry = new Registry();
  const keyPrefix = `test:metrics:${randomBytes(5).toString('hex')}:`;
  const scaleOut = await createRedisScaleOut({
    redisUrl: redisUrl(),
    publicAddress: '127.0.0.1:2567',
    keyPrefix,
    registry,
  });
  try {
    t.false(await scaleOut.sweeper!.isAlive(`ghost-${randomBytes(4).toString('hex')}`));
    const metrics = await registry.getMetricsAsJSON();
    const processes = metrics.find((metric) => metric.name === 'dojo_scale_swept_processes_total');
    t.deepEqual(
      processes?.values.map(({ labels, value }) => ({ labels, value })),
      [{ labels: { reason: 'unreachable' }, value: 1 }],
    );
  } finally {
    await scaleOut.close();
    // The sweep left a `swept:` receipt under this test's prefix only.
    const raw = new Redis(redisUrl());
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length) await raw.del(...keys);
    raw.disconnect();
  }
});

test('at start, the joinOrCreate counters earlier versions left at "0" are dropped and live ones kept', async (t) => {
  const keyPrefix = `test:counters:${randomBytes(5).toString('hex')}:`;
  const raw = new Redis(redisUrl());
  const hash = `${keyPrefix}${joinCounterHash(DOJO_ROOM_NAME)}`;
  await raw.hset(hash, { 'dojoId:old-1': '0', 'dojoId:busy': '2', 'dojoId:old-2': '0' });
  const scaleOut = await createRedisScaleOut({
    redisUrl: redisUrl(),
    publicAddress: '127.0.0.1:2567',
    keyPrefix,
    sweeper: false,
  });
  try {
    t.deepEqual(await raw.hgetall(hash), { 'dojoId:busy': '2' });
  } finally {
    await scaleOut.close();
    await raw.del(hash);
    raw.disconnect();
  }
});
