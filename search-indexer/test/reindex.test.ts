import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { exportPocs } from '../src/reindex/platform-export-client.ts';
import { recoverIndex } from '../src/reindex/recover-index.ts';
import { reindex } from '../src/reindex/reindex.ts';
import { newTenant, poc, query } from './conformance/fixtures.ts';
import { startExportStub } from './helpers/platform-export-stub.ts';

const logger = createLogger('search-indexer-test');
const token = randomBytes(24).toString('hex');

test('reindex brings a drifted index in line with the platform export, page by page', async (t) => {
  const tenant = newTenant();
  const platform = Array.from({ length: 2_345 }, (_, i) => poc(tenant, { name: `Catalogue entry ${i}` }));
  const renamed = { ...platform[0], name: 'Renamed upstream', version: 2 };
  platform[0] = renamed;
  const stub = await startExportStub(platform, token);
  t.teardown(() => stub.close());

  const engine = await EmbeddedSearchEngine.open({ logger });
  const orphan = poc(tenant, { name: 'Orphan deleted upstream' });
  const ahead = { ...platform[1], name: 'Consumer already newer', version: 7 };
  await engine.upsert([{ ...renamed, name: 'Stale local name', version: 1 }, orphan, ahead]);

  const progress: number[] = [];
  const stats = await reindex(engine, exportPocs({ baseUrl: stub.url, token, pageSize: 1000 }), (p) =>
    progress.push(p.seen),
  );
  t.deepEqual(stats, { seen: 2345, upserted: 2344, unchanged: 1, removed: 1 });
  t.deepEqual(
    stub.requests.map((r) => r.limit),
    [1000, 1000, 1000],
  );
  t.deepEqual(progress, [1000, 2000, 2345, 2345]);
  t.is((await engine.search(query(tenant, { q: 'catalogue', limit: '1' }))).total, 2343);
  t.is((await engine.search(query(tenant, { q: 'renamed' }))).total, 1);
  t.is((await engine.search(query(tenant, { q: 'stale' }))).total, 0);
  t.is((await engine.search(query(tenant, { q: 'orphan' }))).total, 0);
  t.like(await engine.versionOf(tenant, orphan.id), { deleted: true });
  t.like(await engine.versionOf(tenant, ahead.id), { version: 7 });
});

test('reindex fails clearly on a wrong token', async (t) => {
  const stub = await startExportStub([], token);
  t.teardown(() => stub.close());
  const engine = await EmbeddedSearchEngine.open({ logger });
  const error = await t.throwsAsync(reindex(engine, exportPocs({ baseUrl: stub.url, token: 'wrong', attempts: 1 })));
  t.regex(error?.message ?? '', /answered 401/);
});

test('`npm run reindex` rebuilds the embedded snapshot that the service loads', async (t) => {
  const tenant = newTenant();
  const stub = await startExportStub(
    Array.from({ length: 30 }, (_, i) => poc(tenant, { name: `Script built ${i}`, tags: ['cli'] })),
    token,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'search-reindex-'));
  t.teardown(async () => {
    await stub.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const script = join(import.meta.dirname, '..', 'scripts', 'reindex.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: {
      ...process.env,
      PLATFORM_API_URL: stub.url,
      INTERNAL_TOKEN: token,
      SEARCH_DATA_DIR: dataDir,
      MEILI_HOST: '',
    },
  });
  t.regex(stdout, /reindex done on the embedded engine: 30 POCs read, 30 written, 0 unchanged, 0 removed/);
  const engine = await EmbeddedSearchEngine.open({ dataDir, logger });
  t.teardown(() => engine.close());
  const result = await engine.search(query(tenant, { q: 'script', limit: '1' }));
  t.is(result.total, 30);
  t.deepEqual(result.facets.tags, { cli: 30 });
});

test('an index that lost a tenant at open is rebuilt from the platform, retrying until the platform answers', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'search-recover-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const tenant = newTenant();
  const first = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  await first.upsert([poc(tenant, { name: 'Before the crash' })]);
  await first.close();
  await writeFile(join(dir, 'tenants', `${tenant}.json`), '{"format": 2, "do');

  const engine = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
  t.teardown(() => engine.close());
  t.true(engine.needsRebuild);
  t.is((await engine.search(query(tenant, { q: 'crash' }))).total, 0, 'lost at open');

  const platform = [poc(tenant, { name: 'Before the crash' }), poc(tenant, { name: 'Another crash survivor' })];
  // The platform answers 503 four times: the first rebuild gives up on its page, the second succeeds.
  const stub = await startExportStub(platform, token, { failFirst: 4 });
  t.teardown(() => stub.close());
  const stats = await recoverIndex(engine, {
    baseUrl: stub.url,
    token,
    logger,
    signal: new AbortController().signal,
    firstDelayMs: 50,
  });
  t.like(stats, { seen: 2, upserted: 2 });
  t.is((await engine.search(query(tenant, { q: 'crash' }))).total, 2);
});

test('a rebuild stops retrying when the service stops', async (t) => {
  const engine = await EmbeddedSearchEngine.open({ logger });
  t.teardown(() => engine.close());
  const stopping = new AbortController();
  const started = Date.now();
  const recovery = recoverIndex(engine, {
    baseUrl: 'http://127.0.0.1:9',
    token,
    logger,
    signal: stopping.signal,
    firstDelayMs: 60_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  stopping.abort();
  t.is(await recovery, undefined);
  t.true(Date.now() - started < 10_000, 'it did not wait out its backoff');
});
