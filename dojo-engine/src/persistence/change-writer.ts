import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { BatchSink, ChangeBatcher } from './change-batcher.ts';
import type { DojoStore } from './dojo-store.ts';
import type { ChangeMeta } from './timeline.ts';

/**
 * One room's side of persistence: hands accepted changes to the process-wide
 * ChangeBatcher, counts what is not committed yet, and compacts the dojo (a
 * full save() replacing the change rows) every `compactEvery` changes and on
 * disposal.
 */
export class ChangeWriter implements BatchSink {
  readonly #tenantId: TenantId;
  readonly #dojoId: DojoId;
  readonly #store: DojoStore;
  readonly #batcher: ChangeBatcher;
  readonly #snapshot: () => Uint8Array;
  readonly #logger: Logger;
  readonly #compactEvery: number;
  readonly #onPersisted: (lagsMs: number[]) => void;
  readonly #fence: number | undefined;
  #backlog = 0;
  #lastChangeId: number;
  #sinceCompaction: number;
  #compacting: Promise<void> | undefined;

  constructor(options: {
    tenantId: TenantId;
    dojoId: DojoId;
    store: DojoStore;
    batcher: ChangeBatcher;
    /** Produces a full save() of the current document. */
    snapshot: () => Uint8Array;
    /** Id of the last change row already stored (from loadDocument). */
    lastChangeId: number;
    /** Stored changes not covered by the snapshot yet. */
    uncompacted: number;
    /** Compact after this many committed changes; size it against load time on join (default 500). */
    compactEvery?: number;
    logger: Logger;
    onPersisted?: (lagsMs: number[]) => void;
    /** The room's lease token: compactions are refused once a newer room holds the dojo. */
    fence?: number;
  }) {
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
    this.#store = options.store;
    this.#batcher = options.batcher;
    this.#snapshot = options.snapshot;
    this.#logger = options.logger;
    this.#lastChangeId = options.lastChangeId;
    this.#sinceCompaction = options.uncompacted;
    this.#compactEvery = options.compactEvery ?? 500;
    this.#onPersisted = options.onPersisted ?? (() => {});
    this.#fence = options.fence;
  }

  /** Accepted changes not yet committed. */
  get backlog(): number {
    return this.#backlog;
  }

  /** `meta`, when given, holds the replay timeline row of each change (same order). */
  enqueue(changes: readonly Uint8Array[], meta?: readonly ChangeMeta[]): void {
    if (changes.length === 0) return;
    this.#backlog += changes.length;
    this.#batcher.add(this.#tenantId, this.#dojoId, changes, this, meta);
  }

  written(lastChangeId: number, lagsMs: number[]): void {
    this.#backlog -= lagsMs.length;
    this.#lastChangeId = Math.max(this.#lastChangeId, lastChangeId);
    this.#sinceCompaction += lagsMs.length;
    this.#onPersisted(lagsMs);
    if (this.#sinceCompaction >= this.#compactEvery && !this.#compacting) {
      // A failed compaction loses nothing: the change rows stay until the next one succeeds.
      this.#compacting = this.compact()
        .catch((error) => this.#logger.error({ err: error, dojoId: this.#dojoId }, 'compacting the document failed'))
        .finally(() => {
          this.#compacting = undefined;
        });
    }
  }

  /** Final flush and compaction to one snapshot (room disposal). */
  async close(): Promise<void> {
    await this.#batcher.flush();
    await this.#compacting;
    await this.compact();
  }

  /** Saves the whole document and deletes the change rows it covers. */
  async compact(): Promise<void> {
    const upTo = this.#lastChangeId;
    const covered = this.#sinceCompaction;
    await this.#store.compact(this.#tenantId, this.#dojoId, this.#snapshot(), upTo, this.#fence);
    this.#sinceCompaction -= covered;
  }
}
