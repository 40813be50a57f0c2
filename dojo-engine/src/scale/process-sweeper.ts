import type { MatchMakerDriver } from '@colyseus/core';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { Redis } from 'ioredis';
import { ColyseusKeys, SWEPT_RECEIPT_TTL_SECONDS } from './colyseus-keys.ts';

/** Timings of the sweeper; defaults in defaultSweeperOptions. */
export interface SweeperOptions {
  /** How often a process renews its liveness key (ms). */
  heartbeatMs: number;
  /**
   * Lifetime of the liveness key (ms). A process whose key expired is dead.
   * Size it above the longest event-loop stall you tolerate: a live process
   * stalled longer gets its listings swept (and restores them when it wakes).
   */
  heartbeatTtlMs: number;
  /** How often (and once at start) this process looks for dead peers (ms). */
  sweepMs: number;
  /**
   * A peer whose IPC channel has no subscriber (Redis closed its connection: the
   * process exited or was killed) is dead after this many consecutive sweeps,
   * even if its liveness key has not expired yet. This is the fast path after SIGKILL.
   */
  channelMissSweeps: number;
  /**
   * A peer still subscribed but without a liveness key (a half-open connection
   * of a vanished host, or a process that has not heartbeated yet) is dead once
   * observed so for this long (ms).
   */
  orphanGraceMs: number;
  /** Every this many sweeps, also scan every room listing for owners unknown to `roomcount`. */
  listingScanEvery: number;
  /**
   * isAlive(): how long a peer's IPC channel must stay empty before it is
   * declared dead (ms). Covers a live peer's subscriber reconnecting to Redis.
   */
  confirmMs: number;
}

export const defaultSweeperOptions: SweeperOptions = {
  heartbeatMs: 500,
  heartbeatTtlMs: 3000,
  sweepMs: 500,
  channelMissSweeps: 2,
  orphanGraceMs: 10_000,
  listingScanEvery: 20,
  confirmMs: 150,
};

/** The liveness key of a process (under the Redis client's key prefix). */
export const livenessKey = (processId: string) => `dojo-engine:alive:${processId}`;

/** One dead process found by a sweep. */
export interface SweptProcess {
  processId: string;
  rooms: number;
  reason: 'heartbeat_expired' | 'channel_closed' | 'orphaned' | 'unreachable';
}

interface Suspicion {
  channelMisses: number;
  keyMissingSince: number | undefined;
}

export interface ProcessSweeperDeps {
  /** A connection of its own (not the presence subscriber), with the same key prefix as presence and driver. */
  redis: Redis;
  driver: Required<Pick<MatchMakerDriver, 'query' | 'cleanup'>>;
  /** This process's Colyseus processId, once the matchmaker has one. */
  processId: () => string | undefined;
  logger: Logger;
  now?: () => number;
  onSwept?: (swept: SweptProcess) => void;
  options?: Partial<SweeperOptions>;
}

/**
 * Removes what Colyseus keeps in Redis for engine processes that died without
 * a graceful shutdown. Without it, the room listings of a SIGKILLed process
 * stay in the driver and every join to them stalls for seconds (an IPC timeout,
 * then a health check), and `roomcount` keeps offering the dead process for new rooms.
 *
 * Each process renews a liveness key with a TTL; each process sweeps: a peer
 * that is in `roomcount` or owns a listing is dead when its liveness key has
 * expired and Redis shows nobody on its IPC channel, or its channel stayed
 * empty for a few sweeps, or it kept its channel without a key for a long
 * grace period. Sweeping a peer is what Colyseus's own failed health check
 * does: drop it from `roomcount`, remove its listings, leave a `swept:` receipt
 * so that a peer that was only stalled restores its listings (Colyseus checks
 * the receipt every few seconds). Every step is idempotent, so several
 * processes sweeping at once is harmless.
 */
export class ProcessSweeper {
  readonly options: SweeperOptions;
  readonly #deps: ProcessSweeperDeps;
  readonly #now: () => number;
  readonly #suspects = new Map<string, Suspicion>();
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #heartbeating: Promise<void> | undefined;
  #sweeping: Promise<SweptProcess[]> | undefined;
  readonly #checks = new Map<string, Promise<boolean>>();
  #sweeps = 0;
  #stopped = false;
  /** When this process's Redis connection last came back after a loss (0: never lost). */
  #reconnectedAt = 0;

  constructor(deps: ProcessSweeperDeps) {
    this.#deps = deps;
    // A Redis that restarted empty has no liveness key and no subscription of anybody until
    // peers reconnect and heartbeat: judging them then would sweep live processes (their
    // listings vanish and joins fail for seconds). Judge nobody for one heartbeat TTL after
    // our own reconnection. Only cleanup waits; one room per dojo rests on the Postgres leases.
    let lost = false;
    deps.redis.on('close', () => {
      lost = true;
    });
    deps.redis.on('ready', () => {
      if (lost) this.#reconnectedAt = this.#now();
      lost = false;
    });
    this.options = { ...defaultSweeperOptions, ...deps.options };
    this.#now = deps.now ?? Date.now;
    const { heartbeatMs, heartbeatTtlMs } = this.options;
    if (heartbeatTtlMs < 2 * heartbeatMs) {
      throw new Error(
        `sweeper: heartbeatTtlMs (${heartbeatTtlMs}) must be at least twice heartbeatMs (${heartbeatMs})`,
      );
    }
  }

  /** Starts heartbeating and sweeping (the first of each right away). */
  start(): void {
    if (this.#heartbeatTimer || this.#stopped) return;
    const guard = (what: string, run: () => Promise<unknown>) => () => {
      run().catch((error: unknown) => this.#deps.logger.warn({ err: error }, `sweeper: ${what} failed`));
    };
    const beat = guard('heartbeat', () => this.heartbeat());
    const sweep = guard('sweep', () => this.sweep());
    this.#heartbeatTimer = setInterval(beat, this.options.heartbeatMs).unref();
    this.#sweepTimer = setInterval(sweep, this.options.sweepMs).unref();
    beat();
    sweep();
  }

  /** Stops both timers and waits for a run in flight. The liveness key is left to expire. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#heartbeatTimer);
    clearInterval(this.#sweepTimer);
    await Promise.allSettled([this.#heartbeating, this.#sweeping]);
  }

  /** Renews this process's liveness key (no-op until the matchmaker has a processId). */
  heartbeat(): Promise<void> {
    this.#heartbeating ??= this.#heartbeat().finally(() => {
      this.#heartbeating = undefined;
    });
    return this.#heartbeating;
  }

  async #heartbeat(): Promise<void> {
    const self = this.#deps.processId();
    if (!self || this.#stopped) return;
    await this.#deps.redis.set(livenessKey(self), String(this.#now()), 'PX', this.options.heartbeatTtlMs);
  }

  /** One sweep: finds dead peers and removes what Colyseus keeps for them. Returns what it swept. */
  sweep(): Promise<SweptProcess[]> {
    this.#sweeping ??= this.#sweep().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweep(): Promise<SweptProcess[]> {
    const self = this.#deps.processId();
    if (!self || this.#stopped || this.#settling()) return [];
    const { redis, driver } = this.#deps;
    const scanListings = this.#sweeps++ % this.options.listingScanEvery === 0;

    const candidates = new Set(await redis.hkeys(ColyseusKeys.roomCount));
    if (scanListings) for (const room of await driver.query({})) candidates.add(room.processId);
    candidates.delete(self);
    for (const known of this.#suspects.keys()) if (!candidates.has(known)) this.#suspects.delete(known);
    if (candidates.size === 0) return [];

    const ids = [...candidates];
    const check = redis.pipeline();
    for (const id of ids) check.exists(livenessKey(id));
    check.pubsub('NUMSUB', ...ids.map(ColyseusKeys.processChannel));
    const results = (await check.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    const numsub = results.at(-1)![1] as Array<string | number>;
    const subscribed = new Set<string>();
    for (let i = 0; i < numsub.length; i += 2) {
      if (Number(numsub[i + 1]) > 0) subscribed.add(String(numsub[i]).slice(2));
    }

    const swept: SweptProcess[] = [];
    for (const [index, id] of ids.entries()) {
      const hasKey = results[index]![1] === 1;
      const reason = this.#verdict(id, hasKey, subscribed.has(id));
      if (reason) swept.push({ processId: id, rooms: await this.#remove(id), reason });
    }
    for (const entry of swept) this.#report(entry);
    return swept;
  }

  /**
   * Whether `processId` can serve its rooms right now, for matchmaking: its IPC
   * channel has a subscriber (checked twice, confirmMs apart). A dead process is
   * swept before this answers false. Concurrent checks of one process share one answer.
   */
  isAlive(processId: string): Promise<boolean> {
    if (processId === this.#deps.processId() || this.#settling()) return Promise.resolve(true);
    let check = this.#checks.get(processId);
    if (!check) {
      check = this.#isAlive(processId).finally(() => this.#checks.delete(processId));
      this.#checks.set(processId, check);
    }
    return check;
  }

  async #isAlive(processId: string): Promise<boolean> {
    const listening = async () => {
      const [, count] = (await this.#deps.redis.pubsub('NUMSUB', ColyseusKeys.processChannel(processId))) as [
        string,
        number,
      ];
      return Number(count) > 0;
    };
    if (await listening()) return true;
    await new Promise((resolve) => setTimeout(resolve, this.options.confirmMs));
    if (await listening()) return true;
    this.#report({ processId, rooms: await this.#remove(processId), reason: 'unreachable' });
    return false;
  }

  /** Right after this process's Redis reconnection: peers may not have reconnected yet. */
  #settling(): boolean {
    return this.#reconnectedAt > 0 && this.#now() - this.#reconnectedAt < this.options.heartbeatTtlMs;
  }

  #report(entry: SweptProcess): void {
    this.#deps.logger.warn(entry, 'sweeper: removed the listings of a dead engine process');
    this.#deps.onSwept?.(entry);
  }

  #verdict(id: string, hasKey: boolean, subscribed: boolean): SweptProcess['reason'] | undefined {
    if (hasKey && subscribed) {
      this.#suspects.delete(id);
      return undefined;
    }
    const suspicion = this.#suspects.get(id) ?? { channelMisses: 0, keyMissingSince: undefined };
    this.#suspects.set(id, suspicion);
    if (!hasKey && !subscribed) return 'heartbeat_expired';
    if (!subscribed) {
      suspicion.keyMissingSince = undefined;
      return ++suspicion.channelMisses >= this.options.channelMissSweeps ? 'channel_closed' : undefined;
    }
    suspicion.channelMisses = 0;
    suspicion.keyMissingSince ??= this.#now();
    return this.#now() - suspicion.keyMissingSince >= this.options.orphanGraceMs ? 'orphaned' : undefined;
  }

  /** Mirrors Colyseus's failed health check: exclude, remove listings, then leave the receipt. */
  async #remove(processId: string): Promise<number> {
    const { redis, driver } = this.#deps;
    this.#suspects.delete(processId);
    await redis.hdel(ColyseusKeys.roomCount, processId);
    const rooms = (await driver.query({ processId })).length;
    await driver.cleanup(processId);
    // After the removal, as Colyseus does: written before, a stalled process could restore ahead of the delete.
    await redis.set(ColyseusKeys.swept(processId), '1', 'EX', SWEPT_RECEIPT_TTL_SECONDS);
    await redis.del(livenessKey(processId));
    return rooms;
  }
}
