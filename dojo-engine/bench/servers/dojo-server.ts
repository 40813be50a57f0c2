/**
 * A dojo-engine process for the benchmark (forked by bench/run.ts). Env:
 * PORT, DATABASE_URL (migrated), TICKET_JWKS, and with scale-out ENGINE_REDIS_URL +
 * REDIS_KEY_PREFIX (not REDIS_URL, which the caller's shell may carry into a one-process run);
 * EMPTY_GRACE_MS (optional) for how long an empty room waits before disposal. Reports ready and answers stats requests over IPC.
 */
import { createLogger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import { createRedisScaleOut, type RedisScaleOut } from '../../src/scale/redis.ts';
import { createDojoServer } from '../../src/server.ts';
import { persistLagStats } from '../lib/persist-lag-stats.ts';
import { answerStatsRequests } from '../lib/server-stats.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`dojo-server: ${name} is required`);
  return value;
};

const port = Number(required('PORT'));
const publicAddress = `127.0.0.1:${port}`;
const logger = createLogger('dojo-engine');
let scaleOut: RedisScaleOut | undefined;
if (process.env.ENGINE_REDIS_URL) {
  scaleOut = await createRedisScaleOut({
    redisUrl: process.env.ENGINE_REDIS_URL,
    keyPrefix: process.env.REDIS_KEY_PREFIX,
    publicAddress,
    logger,
  });
}
const registry = createMetricsRegistry('dojo-engine');
const server = createDojoServer({
  port,
  host: '127.0.0.1',
  publicAddress,
  databaseUrl: required('DATABASE_URL'),
  keys: { jwks: JSON.parse(required('TICKET_JWKS')) },
  presence: scaleOut?.presence,
  driver: scaleOut?.driver,
  logger,
  registry,
  room: process.env.EMPTY_GRACE_MS ? { emptyGraceMs: Number(process.env.EMPTY_GRACE_MS) } : undefined,
});
await server.listen();

answerStatsRequests(async () => {
  const rooms = (await registry.getSingleMetric('dojo_rooms')?.get())?.values[0]?.value;
  return { ...(await persistLagStats(registry, 'dojo_persist_lag_seconds')), rooms };
});
process.send?.({ type: 'ready', port });

process.on('SIGTERM', async () => {
  await server.close();
  await scaleOut?.close();
  process.exit(0);
});
