/**
 * The one dojo-engine process that benchmarks, load tests and the scale-out tests start as a child
 * (`fork`, through bench/lib/server-child.ts): a real process, so its CPU and memory are its own and a
 * test can SIGKILL it. Env: PORT, DATABASE_URL (migrated), TICKET_JWKS, and with scale-out
 * ENGINE_REDIS_URL + REDIS_KEY_PREFIX (not REDIS_URL, which the caller's shell may carry into a
 * one-process run); EMPTY_GRACE_MS, RECONNECT_SECONDS and PRESENCE_HOLD_TICKS (optional) for the rooms
 * (RoomOptions; `npm run bench -- --ab` compares two values of one). Reports
 * `{type: 'ready', port, processId}` over IPC once it listens and answers stats requests.
 */
// First (a side-effect import starts its own sorting chunk): records Automerge's WebAssembly memory
// as its instance is created.
import '../lib/wasm-memory.ts';
import { matchMaker } from '@colyseus/core';
import { createLogger } from '@pocdojo/common/logger';
import { createMetricsRegistry } from '@pocdojo/common/metrics';
import { createRedisScaleOut, type RedisScaleOut } from '../../src/scale/redis.ts';
import { createDojoServer } from '../../src/server.ts';
import { persistLagStats } from '../lib/persist-lag-stats.ts';
import { answerStatsRequests } from '../lib/server-stats.ts';
import { wasmMemoryBytes } from '../lib/wasm-memory.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`dojo-server: ${name} is required`);
  return value;
};
const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

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
const emptyGraceMs = optionalNumber('EMPTY_GRACE_MS');
const reconnectSeconds = optionalNumber('RECONNECT_SECONDS');
const presenceHoldTicks = optionalNumber('PRESENCE_HOLD_TICKS');
const server = createDojoServer({
  port,
  host: '127.0.0.1',
  publicAddress,
  databaseUrl: required('DATABASE_URL'),
  keys: { jwks: JSON.parse(required('TICKET_JWKS')) },
  presence: scaleOut?.presence,
  driver: scaleOut?.driver,
  seats: scaleOut?.participantSeats,
  logger,
  registry,
  room: {
    ...(emptyGraceMs !== undefined && { emptyGraceMs }),
    ...(reconnectSeconds !== undefined && { reconnectSeconds }),
    ...(presenceHoldTicks !== undefined && { presenceHoldTicks }),
  },
});
await server.listen();

answerStatsRequests(async () => {
  const rooms = (await registry.getSingleMetric('dojo_rooms')?.get())?.values[0]?.value;
  return { ...(await persistLagStats(registry, 'dojo_persist_lag_seconds')), rooms, wasmBytes: wasmMemoryBytes() };
});
process.send?.({ type: 'ready', port, processId: matchMaker.processId });

process.on('SIGTERM', async () => {
  await server.close();
  await scaleOut?.close();
  process.exit(0);
});
