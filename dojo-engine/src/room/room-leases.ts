import { randomUUID } from 'node:crypto';
import { ServerError } from '@colyseus/core';
import type { DojoId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { DojoStore } from '../persistence/dojo-store.ts';

/** Timings of the room leases; size them against how fast a dead process's dojos must reopen elsewhere. */
export interface RoomLeaseOptions {
  /**
   * A lease not renewed for this long may be taken by another process: the
   * longest a dojo stays closed after its process dies without releasing it
   * (SIGKILL, a lost host). Must outlast several renewals.
   */
  ttlMs: number;
  /** How often this process renews all its leases (one UPDATE for every room it holds). */
  renewEveryMs: number;
  /**
   * How long a matchmaking call that found another process's lease waits for
   * that process's room listing (being created, or coming back after Redis lost
   * it) before it answers 503 `room_elsewhere`.
   */
  ownerWaitMs: number;
}

// A 10 s TTL survives a process starved of CPU for several seconds (seen on a loaded 2-core machine with 4 s).
export const defaultRoomLeaseOptions: RoomLeaseOptions = { ttlMs: 10_000, renewEveryMs: 2000, ownerWaitMs: 5000 };

/** What claim() found: this process now holds the lease, or another process's room is listed. */
export type DojoClaim = { lease: number } | { ownerListed: true };

interface Held {
  token: number;
  onLost: () => void;
}

/**
 * This process's leases on the dojos whose rooms it runs (stored with the dojo
 * in Postgres, see migration 0004): the exact answer to "who owns this dojo's
 * room", which the Redis listings cannot give after Redis lost them. A room is
 * created only after its lease is taken; a process that finds another's live
 * lease waits for the owner's room listing (claim()), so that Colyseus sends
 * the client there, and answers a retryable 503 `room_elsewhere` only if the
 * listing does not come back in time. Leases
 * are renewed together on a timer; a room whose lease was taken over (this
 * process stalled past the TTL and another opened the dojo) is told to close,
 * and its fenced writes are refused meanwhile.
 */
export class RoomLeases {
  /** Who holds the leases: one id per process lifetime. */
  readonly holder = randomUUID();
  readonly #store: DojoStore;
  readonly #logger: Logger;
  readonly #options: RoomLeaseOptions;
  readonly #held = new Map<DojoId, Held>();
  readonly #acquiring = new Set<DojoId>();
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<void> | undefined;

  constructor(options: { store: DojoStore; logger: Logger; options?: Partial<RoomLeaseOptions> }) {
    this.#store = options.store;
    this.#logger = options.logger.child({ component: 'room-leases' });
    this.#options = { ...defaultRoomLeaseOptions, ...options.options };
    if (this.#options.ttlMs < 2 * this.#options.renewEveryMs) {
      throw new Error(`room leases: ttlMs (${this.#options.ttlMs}) must be at least twice renewEveryMs`);
    }
  }

  /**
   * Takes the dojo's lease for a room about to be created here, or, while
   * another process holds it, waits until `ownerListed()` (that process's room
   * is in the matchmaking listings) — or until the lease frees up, if that
   * process died. `onLost` runs if another process takes a lease of ours over
   * later. Throws a retryable 503 after `ownerWaitMs` of neither.
   */
  async claim(dojoId: DojoId, onLost: () => void, ownerListed: () => Promise<boolean>): Promise<DojoClaim> {
    const deadline = Date.now() + this.#options.ownerWaitMs;
    for (;;) {
      const lease = await this.#tryAcquire(dojoId, onLost);
      if (lease !== null) return { lease };
      if (await ownerListed().catch(() => false)) return { ownerListed: true };
      if (Date.now() > deadline) {
        throw new ServerError(503, `room_elsewhere: dojo ${dojoId} is open on another engine process; retry`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async #tryAcquire(dojoId: DojoId, onLost: () => void): Promise<number | null> {
    // A room of this process holds it: that room is the one to join, not a second one here.
    if (this.#held.has(dojoId) || this.#acquiring.has(dojoId)) return null;
    this.#acquiring.add(dojoId);
    try {
      const token = await this.#store.acquireRoomLease(dojoId, this.holder, this.#options.ttlMs);
      if (token === null) return null;
      this.#held.set(dojoId, { token, onLost });
      this.#timer ??= setInterval(() => void this.renew(), this.#options.renewEveryMs).unref();
      return token;
    } finally {
      this.#acquiring.delete(dojoId);
    }
  }

  /** Gives the lease back (room disposed), unless a newer room of this process holds it. */
  async release(dojoId: DojoId, token: number): Promise<void> {
    if (this.#held.get(dojoId)?.token === token) this.#held.delete(dojoId);
    await this.#store.releaseRoomLease(dojoId, token);
  }

  /** Renews every lease now (the timer calls it; one at a time). */
  renew(): Promise<void> {
    this.#renewing ??= this.#renew().finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  async #renew(): Promise<void> {
    // Only leases held before the renewal started: one taken meanwhile may not be in its answer.
    const before = new Map(this.#held);
    let renewed: Map<DojoId, number>;
    try {
      renewed = await this.#store.renewRoomLeases(this.holder, this.#options.ttlMs);
    } catch (error) {
      // Nobody can take a lease over while the database is away; renewal resumes when it is back.
      this.#logger.warn({ err: error }, 'renewing room leases failed');
      return;
    }
    for (const [dojoId, held] of before) {
      if (this.#held.get(dojoId) !== held || renewed.get(dojoId) === held.token) continue;
      this.#held.delete(dojoId);
      this.#logger.warn({ dojoId, token: held.token }, 'room lease taken over by another process: closing the room');
      held.onLost();
    }
    // A lease of ours with no room here (its release failed): free it rather than renew it forever.
    for (const [dojoId, token] of renewed) {
      if (this.#held.has(dojoId) || this.#acquiring.has(dojoId)) continue;
      await this.#store.releaseRoomLease(dojoId, token).catch(() => {});
    }
  }

  /** Stops renewing (rooms released their leases on disposal). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#renewing;
  }
}
