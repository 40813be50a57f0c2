import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { SearchResult } from '@pocdojo/common/contracts/search';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { IndexEntry, SearchEngine } from '../domain/search-engine.ts';
import type { SearchQuery } from '../domain/search-query.ts';

/** Refills one replica from the source of truth (the platform export), e.g. `reindex(replica, exportPocs(…))`. */
export type ReplicaRebuild = (replica: SearchEngine) => Promise<unknown>;

export interface ReplicatedEngineOptions {
  logger: Logger;
  rebuild: ReplicaRebuild;
  /** How often a replica that missed writes is tried again (and rebuilt once it answers). */
  retryMs?: number;
}

interface Replica {
  /** Undefined until the copy could be opened (it may be down when the indexer starts). */
  engine: SearchEngine | undefined;
  open: () => Promise<SearchEngine>;
  name: string;
  /** False once a write or a read failed on it, until a rebuild brought it back in step. */
  inSync: boolean;
  /** Bumped by every failure, so a rebuild that overlapped a new failure does not count. */
  failures: number;
}

/**
 * Several copies of the index (Meilisearch pods in different zones, which do
 * not replicate among themselves), fed by the indexer: every write goes to
 * every copy, and a write stands once one copy in step took it. A copy that
 * fails leaves the rotation; it is tried again every `retryMs`, rebuilt from
 * the platform export when it answers (the version rule makes that safe next to
 * live writes, which it keeps receiving meanwhile), and comes back in step.
 * Queries go to the first copy in step. So losing a zone loses one copy:
 * searches and indexing carry on with the other.
 */
export class ReplicatedSearchEngine implements SearchEngine {
  readonly kind: SearchEngine['kind'];
  readonly needsRebuild = false;
  readonly #replicas: Replica[];
  readonly #options: ReplicatedEngineOptions;
  readonly #timer: NodeJS.Timeout;
  #repairing = false;

  private constructor(replicas: Replica[], options: ReplicatedEngineOptions) {
    this.kind = replicas.find((replica) => replica.engine)!.engine!.kind;
    this.#replicas = replicas;
    this.#options = options;
    this.#timer = setInterval(() => void this.repair(), options.retryMs ?? 10_000);
    this.#timer.unref();
  }

  /**
   * Opens every copy; one that cannot be opened now (its zone is down) starts
   * out of step and is opened and rebuilt by `repair` later. Fails only when no
   * copy opens.
   */
  static async open(
    copies: { name: string; open: () => Promise<SearchEngine> }[],
    options: ReplicatedEngineOptions,
  ): Promise<ReplicatedSearchEngine> {
    const replicas: Replica[] = await Promise.all(
      copies.map(async ({ name, open }) => {
        try {
          return { name, open, engine: await open(), inSync: true, failures: 0 };
        } catch (error) {
          options.logger.error({ err: error, replica: name }, 'search replica cannot be opened; out of rotation');
          return { name, open, engine: undefined, inSync: false, failures: 1 };
        }
      }),
    );
    if (!replicas.some((replica) => replica.engine)) throw new Error('no search replica could be opened');
    return new ReplicatedSearchEngine(replicas, options);
  }

  /** Which copies are in step (readiness detail, tests). */
  get status(): Record<string, boolean> {
    return Object.fromEntries(this.#replicas.map((replica) => [replica.name, replica.inSync]));
  }

  upsert(pocs: SearchablePoc[]): Promise<string[]> {
    return this.#write(
      'upsert',
      (engine) => engine.upsert(pocs),
      (results) => [...new Set(results.flat())],
    );
  }

  remove(tenantId: TenantId, pocId: string, version: number): Promise<boolean> {
    return this.#write(
      'remove',
      (engine) => engine.remove(tenantId, pocId, version),
      (results) => results.some(Boolean),
    );
  }

  removeTenant(tenantId: TenantId): Promise<void> {
    return this.#write(
      'removeTenant',
      (engine) => engine.removeTenant(tenantId),
      () => undefined,
    );
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.#read('search', (engine) => engine.search(query));
  }

  versionOf(tenantId: TenantId, pocId: string): Promise<IndexEntry | undefined> {
    return this.#read('versionOf', (engine) => engine.versionOf(tenantId, pocId));
  }

  async *entries(): AsyncIterable<IndexEntry> {
    const replica = this.#replicas.find((candidate) => candidate.inSync);
    if (!replica?.engine) throw new Error('no search replica is in step');
    yield* replica.engine.entries();
  }

  async pruneTombstones(before: Date): Promise<number | undefined> {
    const results = await Promise.allSettled(this.#opened().map((replica) => replica.engine.pruneTombstones(before)));
    const done = results.find((result) => result.status === 'fulfilled');
    if (!done) throw new Error('pruning failed on every search replica');
    return done.value;
  }

  async ping(): Promise<void> {
    await this.#read('ping', (engine) => engine.ping());
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all(this.#opened().map((replica) => replica.engine.close()));
  }

  /** Tries every copy out of step once: rebuilds those that answer. Runs by itself every `retryMs`. */
  async repair(): Promise<void> {
    if (this.#repairing) return;
    this.#repairing = true;
    try {
      for (const replica of this.#replicas.filter((candidate) => !candidate.inSync)) {
        const failures = replica.failures;
        try {
          replica.engine ??= await replica.open();
          await replica.engine.ping();
          this.#options.logger.warn({ replica: replica.name }, 'search replica answers again; rebuilding it');
          await this.#options.rebuild(replica.engine);
          if (replica.failures === failures) {
            replica.inSync = true;
            this.#options.logger.info({ replica: replica.name }, 'search replica rebuilt and back in rotation');
          }
        } catch (error) {
          this.#options.logger.warn({ err: error, replica: replica.name }, 'search replica still out of step');
        }
      }
    } finally {
      this.#repairing = false;
    }
  }

  async #write<T>(what: string, write: (engine: SearchEngine) => Promise<T>, merge: (results: T[]) => T): Promise<T> {
    // Copies out of step get the write too, so a rebuild running next to live events misses none.
    const replicas = this.#opened();
    const results = await Promise.allSettled(replicas.map((replica) => write(replica.engine)));
    const applied: T[] = [];
    results.forEach((result, i) => {
      const replica = replicas[i]!;
      if (result.status === 'fulfilled') {
        if (replica.inSync) applied.push(result.value);
      } else {
        this.#failed(replica, what, result.reason);
      }
    });
    if (applied.length === 0) throw new Error(`${what} failed on every search replica in step`);
    return merge(applied);
  }

  async #read<T>(what: string, read: (engine: SearchEngine) => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (const replica of this.#opened().filter((candidate) => candidate.inSync)) {
      try {
        return await read(replica.engine);
      } catch (error) {
        lastError = error;
        this.#failed(replica, what, error);
      }
    }
    throw new Error(`${what}: no search replica in step answers`, { cause: lastError });
  }

  #opened(): (Replica & { engine: SearchEngine })[] {
    return this.#replicas.filter((replica): replica is Replica & { engine: SearchEngine } => Boolean(replica.engine));
  }

  #failed(replica: Replica, what: string, error: unknown): void {
    replica.failures++;
    if (replica.inSync)
      this.#options.logger.error({ err: error, replica: replica.name, what }, 'search replica left rotation');
    replica.inSync = false;
  }
}
