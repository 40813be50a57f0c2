import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { newTenant, poc, query } from './conformance/fixtures.ts';

const logger = createLogger('search-indexer-test');

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'search-snapshot-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('documents, versions and tombstones survive a restart', async (t) => {
  const dir = await tempDir(t);
  const tenant = newTenant();
  const kept = poc(tenant, { name: 'Persistent graph store', version: 4 });
  const gone = poc(tenant, { name: 'Ephemeral cache' });
  const first = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  await first.upsert([kept, gone]);
  await first.remove(tenant, gone.id, 2);
  await first.close();

  const second = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  t.teardown(() => second.close());
  const result = await second.search(query(tenant, { q: 'persistent' }));
  t.deepEqual(
    result.hits.map((h) => h.id),
    [kept.id],
  );
  t.is((await second.search(query(tenant, { q: 'ephemeral' }))).total, 0);
  t.like(await second.versionOf(tenant, kept.id), { version: 4, deleted: false });
  t.like(await second.versionOf(tenant, gone.id), { version: 2, deleted: true });
});

test('writes are debounced into one file per tenant, without leftovers', async (t) => {
  const dir = await tempDir(t);
  const engine = await EmbeddedSearchEngine.open({ dataDir: dir, logger, debounceMs: 10_000 });
  const [a, b] = [newTenant(), newTenant()];
  await engine.upsert(Array.from({ length: 50 }, (_, i) => poc(a, { name: `Item ${i}` })));
  await engine.upsert([poc(b, { name: 'Other tenant' })]);
  t.deepEqual(await readdir(join(dir, 'tenants')), [], 'nothing written before the debounce elapses');
  await engine.flush();
  t.deepEqual((await readdir(join(dir, 'tenants'))).sort(), [`${a}.json`, `${b}.json`].sort());
  await engine.close();
});

test('a second process cannot open a directory in use', async (t) => {
  const dir = await tempDir(t);
  // PID 1 is always alive: it stands for another running indexer.
  await writeFile(join(dir, 'LOCK'), '1');
  const error = await t.throwsAsync(EmbeddedSearchEngine.open({ dataDir: dir, logger }));
  t.regex(error?.message ?? '', /in use by process 1/);
});

test('an unreadable snapshot is set aside and its tenant starts empty; the other tenants load', async (t) => {
  const dir = await tempDir(t);
  const [healthy, truncated, mismatched] = [newTenant(), newTenant(), newTenant()];
  const engine = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  await engine.upsert([poc(healthy, { name: 'Healthy tenant POC' })]);
  t.false(engine.needsRebuild);
  await engine.close();
  // A file cut short, and a well-formed file whose serialised index disagrees with its documents.
  await writeFile(join(dir, 'tenants', `${truncated}.json`), '{"format": 2, "docs": [');
  const doc = poc(mismatched, { name: 'Mismatch' });
  const index = {
    documentCount: 0,
    nextId: 0,
    documentIds: {},
    fieldIds: {},
    fieldLength: {},
    averageFieldLength: [],
    storedFields: {},
    dirtCount: 0,
    index: [],
    serializationVersion: 2,
  };
  await writeFile(
    join(dir, 'tenants', `${mismatched}.json`),
    JSON.stringify({ format: 2, docs: [doc], tombstones: [], index }),
  );

  const reopened = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  t.teardown(() => reopened.close());
  t.true(reopened.needsRebuild);
  t.is((await reopened.search(query(healthy, { q: 'healthy' }))).total, 1, 'other tenants are intact');
  t.is((await reopened.search(query(mismatched, { q: 'mismatch' }))).total, 0);
  const files = await readdir(join(dir, 'tenants'));
  for (const tenant of [truncated, mismatched]) {
    t.false(files.includes(`${tenant}.json`), 'the unreadable file is out of the way');
    t.true(
      files.some((file) => file.startsWith(`${tenant}.json.unreadable-`)),
      'and kept for inspection',
    );
  }
  // The tenant's next change writes a good file again.
  await reopened.upsert([poc(truncated, { name: 'Fresh start' })]);
  await reopened.close();
  const third = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  t.teardown(() => third.close());
  t.false(third.needsRebuild);
  t.is((await third.search(query(truncated, { q: 'fresh' }))).total, 1);
});
