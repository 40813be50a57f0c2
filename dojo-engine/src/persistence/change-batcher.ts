import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { ChangeBatch, DojoStore } from './dojo-store.ts';
import type { ChangeMeta } from './timeline.ts';

/** Told when its changes are committed. */
export interface BatchSink {
  /** `lastChangeId`: id of the dojo's last row written; `lagsMs`: accepted → committed per change. */
  written(lastChangeId: number, lagsMs: number[]): void;
}

/** How eagerly accepted changes reach the store. */
export interface ChangeBatcherOptions {
  /**
   * Longest wait before a batch is written (ms). Persist lag ≈ this + one
   * insert; keep the sum well under the 200 ms bound (ISSUE 3).
   */
  flushDelayMs: number;
  /** First retry delay after a failed write (ms); doubles up to 5 s. */
  retryDelayMs: number;
}

/**
 * 50 ms: at 300 rooms typing it halves the transactions of 25 ms (each a few
 * round trips to Postgres) and stays well inside the 200 ms persist-lag bound.
 */
export const defaultChangeBatcherOptions: ChangeBatcherOptions = { flushDelayMs: 50, retryDelayMs: 200 };

interface Pending {
  tenantId: TenantId;
  dojoId: DojoId;
  bytes: Uint8Array;
  meta: ChangeMeta | undefined;
  acceptedAt: number;
  sink: BatchSink;
}

/**
 * One per process: collects the accepted changes of every live room and writes
 * them in one insert per flush, so 200 rooms typing at 5 keystrokes/s cost
 * ~20 inserts/s instead of ~1000. One write in flight at a time; a failed
 * write keeps its changes (in order, ahead of newer ones) and retries with
 * backoff, so nothing accepted is dropped while the process lives.
 */
export class ChangeBatcher {
  readonly #store: DojoStore;
  readonly #logger: Logger;
  readonly #options: ChangeBatcherOptions;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #failures = 0;

  constructor(store: DojoStore, logger: Logger, options: Partial<ChangeBatcherOptions> = {}) {
    this.#store = store;
    this.#logger = logger;
    this.#options = { ...defaultChangeBatcherOptions, ...options };
  }

  /** Changes accepted and not yet committed, over all rooms. */
  get backlog(): number {
    return this.#pending.length;
  }

  /** `meta[i]`, when given, is the timeline row of `changes[i]`. */
  add(
    tenantId: TenantId,
    dojoId: DojoId,
    changes: readonly Uint8Array[],
    sink: BatchSink,
    meta?: readonly ChangeMeta[],
  ): void {
    if (changes.length === 0) return;
    const acceptedAt = performance.now();
    changes.forEach((bytes, i) => {
      this.#pending.push({ tenantId, dojoId, bytes, meta: meta?.[i], acceptedAt, sink });
    });
    this.#schedule(this.#options.flushDelayMs);
  }

  /** Writes everything pending now and waits for it; throws when the store keeps failing. */
  async flush(attempts = 5): Promise<void> {
    for (let attempt = 0; ; ) {
      if (this.#running) {
        await this.#running;
        continue;
      }
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (!this.#pending.length) return;
      await this.#run();
      if (!this.#failures) continue;
      if (++attempt >= attempts) throw new Error(`could not persist ${this.#pending.length} changes`);
      await new Promise((resolve) => setTimeout(resolve, this.#options.retryDelayMs * attempt));
    }
  }

  #schedule(delay: number): void {
    if (this.#timer || this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, delay);
    // The server keeps the process alive; a retry loop against a dead store must not.
    this.#timer.unref();
  }

  #run(): Promise<void> {
    this.#running = this.#write().finally(() => {
      this.#running = undefined;
      if (this.#pending.length) {
        // The flush delay bounds how long a change waits before its write starts, counted from its
        // acceptance: changes that arrived during a slow write have waited already, and adding the full
        // delay after it made persist lag about two writes plus the delay (p99 300 ms at 500 rooms).
        const waited = performance.now() - this.#pending[0]!.acceptedAt;
        const delay = this.#failures
          ? Math.min(5000, this.#options.retryDelayMs * 2 ** (this.#failures - 1))
          : Math.max(0, this.#options.flushDelayMs - waited);
        this.#schedule(delay);
      }
    });
    return this.#running;
  }

  async #write(): Promise<void> {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const byDojo = new Map<DojoId, Pending[]>();
    for (const entry of batch) {
      const list = byDojo.get(entry.dojoId);
      if (list) list.push(entry);
      else byDojo.set(entry.dojoId, [entry]);
    }
    const groups: ChangeBatch[] = [...byDojo].map(([dojoId, entries]) => ({
      tenantId: entries[0]!.tenantId,
      dojoId,
      changes: entries.map((entry) => entry.bytes),
      meta: entries.flatMap((entry) => (entry.meta ? [entry.meta] : [])),
    }));
    let lastIds: Map<DojoId, number>;
    try {
      lastIds = await this.#store.appendChangesBatch(groups);
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      this.#pending = batch.concat(this.#pending);
      this.#logger.error({ err: error, backlog: this.#pending.length }, 'persisting changes failed');
      return;
    }
    const now = performance.now();
    for (const [dojoId, entries] of byDojo) {
      const lags = entries.map((entry) => now - entry.acceptedAt);
      // Entries of one dojo share one sink (its room's writer).
      entries[0]!.sink.written(lastIds.get(dojoId) ?? 0, lags);
    }
  }
}
