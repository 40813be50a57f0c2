import { randomUUID } from 'node:crypto';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { ChangeBatcher } from '../../src/persistence/change-batcher.ts';
import { ChangeWriter } from '../../src/persistence/change-writer.ts';
import type { ChangeBatch, DojoStore } from '../../src/persistence/dojo-store.ts';
import { MemoryDojoStore } from '../../src/persistence/memory-dojo-store.ts';

const logger = createLogger('test', 'silent');

/** A memory store that counts batched writes and can be told to fail the next ones. */
class CountingStore extends MemoryDojoStore {
  batches: number[] = [];
  failNext = 0;
  #compacted: Array<() => void> = [];
  /** Resolves after the next compaction has been stored. */
  nextCompaction(): Promise<void> {
    return new Promise((resolve) => this.#compacted.push(resolve));
  }
  override async compact(...args: Parameters<MemoryDojoStore['compact']>): Promise<void> {
    await super.compact(...args);
    for (const resolve of this.#compacted.splice(0)) resolve();
  }
  override async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database unavailable');
    }
    this.batches.push(batch.reduce((sum, group) => sum + group.changes.length, 0));
    return super.appendChangesBatch(batch);
  }
}

const tenantId = randomUUID() as TenantId;

async function dojoIn(store: DojoStore) {
  const id = randomUUID() as DojoId;
  await store.registerDojo(id, tenantId);
  return id;
}

const change = (n: number) => Uint8Array.of(n);

test('changes of many rooms accepted together are written in one insert, each room told its last id', async (t) => {
  const store = new CountingStore();
  const batcher = new ChangeBatcher(store, logger, { flushDelayMs: 20 });
  const dojos = await Promise.all(Array.from({ length: 20 }, () => dojoIn(store)));
  const lastIds = new Map<string, number>();
  for (const [i, dojoId] of dojos.entries()) {
    for (let k = 0; k < 5; k++) {
      batcher.add(tenantId, dojoId, [change(i)], { written: (id) => lastIds.set(dojoId, id) });
    }
  }
  t.is(batcher.backlog, 100);
  await batcher.flush();
  t.deepEqual(store.batches, [100], 'one write for 20 rooms × 5 changes');
  for (const dojoId of dojos) t.is(lastIds.get(dojoId), (await store.loadDocument(tenantId, dojoId))?.lastChangeId);
});

test('a failed write keeps the changes in order and a later flush writes them', async (t) => {
  const store = new CountingStore();
  const batcher = new ChangeBatcher(store, logger, { flushDelayMs: 1000, retryDelayMs: 5 });
  const dojoId = await dojoIn(store);
  const sink = { written: () => {} };
  batcher.add(tenantId, dojoId, [change(1), change(2)], sink);
  store.failNext = 2;
  batcher.add(tenantId, dojoId, [change(3)], sink);
  await batcher.flush();
  t.deepEqual(
    (await store.loadDocument(tenantId, dojoId))?.changes.map((c) => c[0]),
    [1, 2, 3],
  );
  t.is(batcher.backlog, 0);
});

test('a store that keeps failing makes flush throw instead of hanging', async (t) => {
  const store = new CountingStore();
  const batcher = new ChangeBatcher(store, logger, { flushDelayMs: 1000, retryDelayMs: 1 });
  const dojoId = await dojoIn(store);
  store.failNext = 100;
  batcher.add(tenantId, dojoId, [change(1)], { written: () => {} });
  await t.throwsAsync(batcher.flush(3), { message: /could not persist 1 changes/ });
});

test('a room writer compacts after compactEvery committed changes and on close', async (t) => {
  const store = new CountingStore();
  const batcher = new ChangeBatcher(store, logger, { flushDelayMs: 1 });
  const dojoId = await dojoIn(store);
  let saves = 0;
  const lags: number[] = [];
  const writer = new ChangeWriter({
    tenantId,
    dojoId,
    store,
    batcher,
    snapshot: () => Uint8Array.of(100 + ++saves),
    lastChangeId: 0,
    uncompacted: 0,
    compactEvery: 3,
    logger,
    onPersisted: (written) => lags.push(...written),
  });
  writer.enqueue([change(1), change(2)]);
  await batcher.flush();
  t.is(saves, 0, 'below the threshold');
  t.is(writer.backlog, 0);
  const compaction = store.nextCompaction();
  writer.enqueue([change(3)]);
  await batcher.flush();
  await compaction;
  t.is(saves, 1, 'compacted at the threshold');
  const compacted = await store.loadDocument(tenantId, dojoId);
  t.deepEqual([...(compacted?.snapshot ?? [])], [101]);
  t.deepEqual(compacted?.changes, []);
  writer.enqueue([change(4)]);
  await writer.close();
  const closed = await store.loadDocument(tenantId, dojoId);
  t.deepEqual([...(closed?.snapshot ?? [])], [102], 'final save on close');
  t.deepEqual(closed?.changes, []);
  t.is(lags.length, 4);
  t.true(lags.every((lag) => lag >= 0));
});

test('changes accepted during a slow write are written as soon as it ends, not a full flush delay later', async (t) => {
  /** A store whose writes take 400 ms, recording when each starts. */
  class SlowStore extends MemoryDojoStore {
    starts: number[] = [];
    override async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
      this.starts.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 400));
      return super.appendChangesBatch(batch);
    }
  }
  const store = new SlowStore();
  const batcher = new ChangeBatcher(store, logger, { flushDelayMs: 200 });
  const dojoId = await dojoIn(store);
  const lags: number[] = [];
  const sink = { written: (_id: number, lagsMs: number[]) => lags.push(...lagsMs) };
  batcher.add(tenantId, dojoId, [change(1)], sink);
  while (store.starts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  // Accepted while the first write runs: it has waited the flush delay when that write ends.
  batcher.add(tenantId, dojoId, [change(2)], sink);
  // Left to its timers (flush() would write at once whatever the delay).
  const deadline = performance.now() + 2000;
  while (store.starts.length < 2 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await batcher.flush();
  t.is(store.starts.length, 2);
  const gap = store.starts[1]! - store.starts[0]!;
  // It has waited 400 ms, twice the delay, when the first write ends. Before: the write plus a whole delay after it.
  t.true(gap < 400 + 100, `the second write started ${gap.toFixed(0)} ms after the first (write 400 ms, delay 200 ms)`);
  t.true(lags[1]! < 800 + 100, `the second change waited ${lags[1]!.toFixed(0)} ms (before: ≈ 1,000 ms)`);
});
