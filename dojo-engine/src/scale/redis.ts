import { matchMaker } from '@colyseus/core';
import { DOJO_ROOM_NAME } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { createLogger, type Logger } from '@pocdojo/common/runtime/logger';
import { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { EngineRedisPresence, joinCounterHash } from './engine-redis-presence.ts';
import { LivenessAwareDriver } from './liveness-aware-driver.ts';
import { ProcessSweeper, type SweeperOptions, type SweptProcess } from './process-sweeper.ts';
import { RedisParticipantSeats } from './redis-participant-seats.ts';
import { restoreAfterReconnection } from './redis-recovery.ts';
import type { ScaleOut } from './scale-out.ts';

/** Options of createRedisScaleOut beyond what main.ts passes. */
export interface RedisScaleOutOptions {
  /** redis:// or rediss:// URL (REDIS_URL). */
  redisUrl: string;
  /**
   * Where clients reach this very process: `host:port`, or `host/path` behind an
   * ingress that routes per pod. Required: with Redis, seat reservations must
   * point at the owning process (without it, Colyseus answers error 524).
   */
  publicAddress?: string;
  /**
   * Prefix of every Redis key Colyseus and the sweeper write (not of pub/sub
   * channels, which Redis keeps global). Lets several deployments, or parallel
   * tests, share one Redis without seeing each other's rooms.
   */
  keyPrefix?: string;
  /** Sweeper timings, or false to run without a sweeper. */
  sweeper?: Partial<SweeperOptions> | false;
  logger?: Logger;
  /** Where to register the sweeper's counters (`dojo_scale_swept_*`); none without it. */
  registry?: Registry;
  /** Called for every dead process the sweeper cleaned up (tests). */
  onSwept?: (swept: SweptProcess) => void;
}

export interface RedisScaleOut extends ScaleOut {
  presence: EngineRedisPresence;
  driver: LivenessAwareDriver;
  sweeper: ProcessSweeper | undefined;
  close(): Promise<void>;
}

const redisUrlPattern = /^rediss?:\/\/.+/;

/**
 * Colyseus scale-out over Redis: RedisPresence (pub/sub IPC between processes,
 * shared counters) and RedisDriver (the room listings every matchmaker reads),
 * plus the ProcessSweeper that cleans up after processes that died ungracefully.
 * The Colyseus Server shuts presence and driver down itself; close() stops the
 * sweeper and closes whatever connection is still open.
 */
export const createRedisScaleOut = async (options: RedisScaleOutOptions): Promise<RedisScaleOut> => {
  if (!redisUrlPattern.test(options.redisUrl)) {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${options.redisUrl}"`);
  }
  if (!options.publicAddress) {
    throw new Error('PUBLIC_ADDRESS is required with REDIS_URL: each engine process needs its own public address');
  }
  if (!/^[^\s:/]+(:\d{1,5})?(\/\S*)?$/.test(options.publicAddress)) {
    throw new Error(`PUBLIC_ADDRESS must be host:port or host/path (no scheme), got "${options.publicAddress}"`);
  }
  const logger = (options.logger ?? createLogger('dojo-engine')).child({ component: 'scale-out' });
  const base = new Redis(options.redisUrl, {
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    // Reconnect at least every 500 ms (ioredis's default backs off to 2 s): after a Redis restart,
    // this process's listings and subscriptions come back, and joins work, within about a second.
    retryStrategy: (attempt) => Math.min(attempt * 50, 500),
  });
  const reportError = (which: string) => (error: Error) =>
    logger.warn({ err: error, connection: which }, 'redis connection error');
  base.on('error', reportError('presence'));
  try {
    await base.connect();
  } catch (error) {
    base.disconnect();
    throw new Error(`cannot connect to REDIS_URL: ${(error as Error).message}`, { cause: error });
  }
  const driverClient = base.duplicate();
  driverClient.on('error', reportError('driver'));
  restoreAfterReconnection(driverClient, logger);
  const presence = new EngineRedisPresence(base);
  const dropped = await presence.dropZeroCounters(joinCounterHash(DOJO_ROOM_NAME));
  if (dropped > 0) logger.info({ dropped }, 'dropped joinOrCreate counters left at zero by earlier versions');
  let sweeper: ProcessSweeper | undefined;
  // Without a sweeper every listing counts as live, as with the stock driver.
  const driver = new LivenessAwareDriver(
    driverClient,
    (processId) => sweeper?.isAlive(processId) ?? Promise.resolve(true),
  );

  let sweeperClient: Redis | undefined;
  if (options.sweeper !== false) {
    sweeperClient = base.duplicate();
    sweeperClient.on('error', reportError('sweeper'));
    sweeper = new ProcessSweeper({
      redis: sweeperClient,
      driver,
      // Colyseus assigns the processId when the Server sets the matchmaker up; until then the sweeper idles.
      processId: () => matchMaker.processId,
      logger,
      onSwept: sweptCounter(options),
      options: options.sweeper,
    });
    sweeper.start();
  }

  const seatsClient = base.duplicate();
  seatsClient.on('error', reportError('seats'));
  await seatsClient.connect();
  const participantSeats = new RedisParticipantSeats(seatsClient);

  let closing: Promise<void> | undefined;
  return {
    presence,
    driver,
    sweeper,
    participantSeats,
    close() {
      closing ??= (async () => {
        await sweeper?.stop();
        presence.shutdown();
        await Promise.all([driverClient, sweeperClient, seatsClient].map(quietQuit));
      })();
      return closing;
    },
  };
};

/** Counts swept processes and rooms in `registry`, then calls the caller's hook. */
function sweptCounter(options: RedisScaleOutOptions): ((swept: SweptProcess) => void) | undefined {
  if (!options.registry) return options.onSwept;
  const processes = new Counter({
    name: 'dojo_scale_swept_processes_total',
    help: 'Dead engine processes whose room listings this process removed, by how they were found dead',
    labelNames: ['reason'] as const,
    registers: [options.registry],
  });
  const rooms = new Counter({
    name: 'dojo_scale_swept_rooms_total',
    help: 'Room listings of dead engine processes this process removed',
    registers: [options.registry],
  });
  return (swept) => {
    processes.inc({ reason: swept.reason });
    rooms.inc(swept.rooms);
    options.onSwept?.(swept);
  };
}

/** Quits a connection unless it is already closed (the Colyseus Server may have shut it down). */
async function quietQuit(client: Redis | undefined): Promise<void> {
  if (!client || client.status === 'end' || client.status === 'close') return;
  await client.quit().catch(() => client.disconnect());
}
