import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUuid } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { z } from 'zod';
import type { TenantSnapshot } from './tenant-index.ts';

// 3: language aliases are indexed as their language (text.ts indexTerm); older snapshots are rebuilt.
const FORMAT = 3;
// The files are ours (written atomically), so this checks their shape, not every field of every
// document: a full schema parse of 100k POCs would double the start-up time.
const snapshotFileSchema = z.object({
  format: z.literal(FORMAT),
  docs: z.array(z.looseObject({ id: z.string(), tenantId: z.string(), version: z.number() })),
  tombstones: z.array(z.tuple([z.string(), z.number().int().positive(), z.number()])),
  index: z.looseObject({ documentCount: z.number(), index: z.array(z.unknown()) }),
});

function parseSnapshot(text: string): { ok: true; snapshot: TenantSnapshot } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = snapshotFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'unexpected shape' };
  return { ok: true, snapshot: parsed.data as unknown as TenantSnapshot };
}

export const SnapshotDefaults = {
  /** Delay between a change and its write; bounds what a crash can lose (the queue redelivers nothing acknowledged). */
  debounceMs: 200,
} as const;

/**
 * Persists the embedded index under a directory: one JSON file per tenant
 * (`tenants/<tenantId>.json`), so a change rewrites only its tenant. Writes are
 * debounced and atomic (temporary file, fsync, rename). A `LOCK` file with the
 * owner's pid keeps two processes (the service and a reindex) from writing the
 * same directory.
 */
export class SnapshotStore {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #debounceMs: number;
  readonly #dirty = new Map<string, () => TenantSnapshot>();
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #lastWriteMs = 0;

  private constructor(dir: string, logger: Logger, debounceMs: number) {
    this.#dir = dir;
    this.#logger = logger;
    this.#debounceMs = debounceMs;
  }

  /** Opens (creating) `dir` and takes its lock; throws when another live process holds it. */
  static async open(
    dir: string,
    logger: Logger,
    debounceMs: number = SnapshotDefaults.debounceMs,
  ): Promise<SnapshotStore> {
    await mkdir(join(dir, 'tenants'), { recursive: true });
    await acquireLock(join(dir, 'LOCK'));
    return new SnapshotStore(dir, logger, debounceMs);
  }

  /**
   * Reads every tenant's snapshot. A file that does not parse (damaged, or an
   * older format) is set aside rather than fatal: its tenant starts empty and
   * is listed in `unreadable`, for the caller to refill from the platform.
   */
  async loadAll(): Promise<{ snapshots: Map<string, TenantSnapshot>; unreadable: string[] }> {
    const snapshots = new Map<string, TenantSnapshot>();
    const unreadable: string[] = [];
    const files = (await readdir(join(this.#dir, 'tenants'))).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const tenantId = file.slice(0, -'.json'.length);
      if (!isUuid(tenantId)) continue;
      const parsed = parseSnapshot(await readFile(join(this.#dir, 'tenants', file), 'utf8'));
      if (parsed.ok) snapshots.set(tenantId, parsed.snapshot);
      else {
        await this.setAside(tenantId, parsed.reason);
        unreadable.push(tenantId);
      }
    }
    return { snapshots, unreadable };
  }

  /**
   * Moves a tenant's snapshot out of the way (`<tenant>.json.unreadable-<time>`,
   * kept for inspection), so the tenant's next write starts a good file.
   */
  async setAside(tenantId: string, reason: string): Promise<void> {
    const path = join(this.#dir, 'tenants', `${tenantId}.json`);
    const aside = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, aside);
    this.#logger.error(
      { tenantId, file: aside, reason },
      'search snapshot unreadable: set aside, the tenant will be rebuilt',
    );
  }

  /** Marks a tenant changed; `snapshot` is called at write time, so bursts cost one write. */
  schedule(tenantId: string, snapshot: () => TenantSnapshot): void {
    this.#dirty.set(tenantId, snapshot);
    this.#arm();
  }

  /** Writes every pending tenant now; a tenant that fails to write stays pending and is retried. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = [...this.#dirty];
    this.#dirty.clear();
    this.#writing = this.#writing
      .catch(() => {})
      .then(async () => {
        const started = performance.now();
        for (const [i, [tenantId, snapshot]] of batch.entries()) {
          try {
            await this.#write(tenantId, snapshot());
          } catch (error) {
            for (const [id, pending] of batch.slice(i)) if (!this.#dirty.has(id)) this.#dirty.set(id, pending);
            this.#arm();
            throw error;
          }
        }
        this.#lastWriteMs = performance.now() - started;
      });
    return this.#writing;
  }

  /** Deletes the tenant's snapshot, and any copy of it set aside, after the write in progress. */
  async remove(tenantId: string): Promise<void> {
    this.#dirty.delete(tenantId);
    await this.#writing.catch(() => {});
    const dir = join(this.#dir, 'tenants');
    for (const file of await readdir(dir)) {
      if (file.startsWith(`${tenantId}.json`)) await rm(join(dir, file), { force: true });
    }
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      await rm(join(this.#dir, 'LOCK'), { force: true });
    }
  }

  #arm(): void {
    // Writing blocks the event loop (JSON of a whole tenant): spacing writes by 10× their cost keeps
    // a busy, large tenant from spending more than ~10 % of the time serialising.
    this.#timer ??= setTimeout(
      () => {
        this.#timer = undefined;
        void this.flush().catch((error) => this.#logger.error({ err: error }, 'writing the search snapshot failed'));
      },
      Math.max(this.#debounceMs, 10 * this.#lastWriteMs),
    );
  }

  async #write(tenantId: string, snapshot: TenantSnapshot): Promise<void> {
    const path = join(this.#dir, 'tenants', `${tenantId}.json`);
    const temporary = `${path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(JSON.stringify({ format: FORMAT, ...snapshot }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  }
}

async function acquireLock(path: string): Promise<void> {
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(await readFile(path, 'utf8').catch(() => ''));
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `SEARCH_DATA_DIR ${path.slice(0, -'/LOCK'.length)} is in use by process ${owner}; ` +
        'stop the search indexer before running a reindex on the embedded engine',
    );
  }
  // The previous owner died without cleaning up: take the lock over.
  await writeFile(path, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
