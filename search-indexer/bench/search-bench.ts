/**
 * `npm run bench -w search-indexer` (not a test): 100,000 generated POCs over
 * 100 tenants. Measures the embedded engine (indexing docs/s, memory, snapshot
 * write and load, query p50/p95/p99 and recall for exact, misspelled, prefix and
 * faceted queries) and, in the same run, the same queries on PostgreSQL +
 * pg_trgm, with ratios. In process, no HTTP: it measures the engines.
 * Env: DATABASE_URL (superuser; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_TENANTS, BENCH_PER_TENANT, BENCH_QUERIES (per kind), BENCH_SKIP_PG=1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { generatePocs } from './generate-pocs.ts';
import { PgTrgmBaseline } from './pg-trgm-baseline.ts';
import type { BenchQuery, QueryKind } from './query-set.ts';
import { buildQueries, percentile, QueryKinds } from './query-set.ts';

const tenants = Number(process.env.BENCH_TENANTS ?? 100);
const perTenant = Number(process.env.BENCH_PER_TENANT ?? 1000);
const perKind = Number(process.env.BENCH_QUERIES ?? 500);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const logger = createLogger('search-bench', 'warn');

const log = (message: string) => process.stdout.write(`${message}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  /** p95 of this process's CPU time per query: unlike wall-clock, not inflated when the shared machine deschedules us. */
  cpuP95: number;
  recall: number;
}

async function measure(
  label: string,
  queries: BenchQuery[],
  run: (q: BenchQuery) => Promise<string[]>,
): Promise<Map<QueryKind, Latencies>> {
  const out = new Map<QueryKind, Latencies>();
  for (const q of queries.slice(0, 50)) await run(q); // warm-up
  for (const kind of QueryKinds) {
    const ofKind = queries.filter((q) => q.kind === kind);
    const samples: number[] = [];
    const cpu: number[] = [];
    let found = 0;
    for (const [i, q] of ofKind.entries()) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const ids = await run(q);
      samples.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      if (ids.includes(q.targetId)) found++;
      if ((i + 1) % 100 === 0) process.stdout.write(`\r  ${label} ${kind}: ${i + 1}/${ofKind.length}   `);
    }
    process.stdout.write('\r');
    out.set(kind, {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      cpuP95: percentile(cpu, 95),
      recall: found / ofKind.length,
    });
  }
  return out;
}

log(`search bench: ${tenants} tenants × ${perTenant} POCs, ${perKind} queries per kind`);
const { pocs } = generatePocs(tenants, perTenant);
const queries = buildQueries(pocs, perKind);
log(`generated ${pocs.length} POCs and ${queries.length} queries`);

// --- embedded engine, in memory ---
gc();
const heapBefore = process.memoryUsage().heapUsed;
const engine = await EmbeddedSearchEngine.open({ logger });
let started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < pocs.length; i += 10_000) {
  await engine.upsert(pocs.slice(i, i + 10_000));
  process.stdout.write(`\r  embedded indexing: ${Math.min(pocs.length, i + 10_000)}/${pocs.length}   `);
}
const indexSeconds = (performance.now() - started) / 1000;
const indexCpu = process.cpuUsage(cpuBefore);
const indexCpuSeconds = (indexCpu.user + indexCpu.system) / 1e6;
gc();
const heapIndex = process.memoryUsage().heapUsed - heapBefore;
log(
  `\rembedded indexing: ${(pocs.length / indexSeconds).toFixed(0)} docs/s wall-clock, ` +
    `${(pocs.length / indexCpuSeconds).toFixed(0)} docs per CPU-second (${indexSeconds.toFixed(2)} s), ` +
    `heap +${mb(heapIndex)}, RSS ${mb(process.memoryUsage().rss)}`,
);

const embedded = await measure('embedded', queries, async (q) => {
  const result = await engine.search({
    tenantId: q.tenantId as TenantId,
    q: q.q,
    languages: q.languages,
    tags: q.tags,
    limit: 20,
    offset: 0,
  });
  return result.hits.map((h) => h.id);
});

// --- persistence: full snapshot write and load ---
const dir = await mkdtemp(join(tmpdir(), 'search-bench-'));
const persisted = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
await persisted.upsert(pocs);
started = performance.now();
await persisted.close();
const writeSeconds = (performance.now() - started) / 1000;
started = performance.now();
const reloaded = await EmbeddedSearchEngine.open({ dataDir: dir, logger });
const loadSeconds = (performance.now() - started) / 1000;
await reloaded.close();
await rm(dir, { recursive: true, force: true });
log(
  `embedded snapshot: write all ${tenants} tenants ${writeSeconds.toFixed(2)} s, load on restart ${loadSeconds.toFixed(2)} s`,
);

// --- PostgreSQL + pg_trgm baseline ---
let baseline: Map<QueryKind, Latencies> | undefined;
let pgRate = 0;
if (process.env.BENCH_SKIP_PG !== '1') {
  const pgBaseline = new PgTrgmBaseline(databaseUrl);
  try {
    await pgBaseline.setup();
    pgRate = await pgBaseline.load(pocs, (done) =>
      process.stdout.write(`\r  pg_trgm loading: ${done}/${pocs.length}   `),
    );
    log(`\rpg_trgm loading: ${pgRate.toFixed(0)} docs/s (insert + GIN index build)`);
    baseline = await measure('pg_trgm', queries, (q) => pgBaseline.search(q));
  } catch (error) {
    log(`pg_trgm baseline skipped: ${(error as Error).message} (set DATABASE_URL to a Postgres superuser URL)`);
  } finally {
    await pgBaseline.teardown().catch(() => {});
  }
}

// --- report ---
const f = (ms: number) => `${ms.toFixed(2)} ms`;
log('\nquery latency (in process, limit 20, with total and facet counts)');
log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
log(
  'kind        | embedded p50 / p95 / p99         | cpu p95  | recall | pg_trgm p50 / p95 / p99          | recall | p95 ratio',
);
for (const kind of QueryKinds) {
  const e = embedded.get(kind)!;
  const p = baseline?.get(kind);
  const pgCols = p
    ? `${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)}`.padEnd(32) +
      ` | ${(p.recall * 100).toFixed(1)} % `.padEnd(8) +
      `| ${(p.p95 / e.p95).toFixed(0)}×`
    : 'n/a';
  log(
    `${kind.padEnd(11)} | ${`${f(e.p50)} / ${f(e.p95)} / ${f(e.p99)}`.padEnd(32)} | ${f(e.cpuP95).padEnd(8)} | ` +
      `${`${(e.recall * 100).toFixed(1)} %`.padEnd(6)} | ${pgCols}`,
  );
}
const worstP95 = Math.max(...[...embedded.values()].map((l) => l.p95));
const worstCpuP95 = Math.max(...[...embedded.values()].map((l) => l.cpuP95));
log(
  `\ntargets: embedded p95 ≤ 10 ms → ${worstP95 <= 10 ? 'met' : 'MISSED'} (worst ${f(worstP95)} wall-clock, ` +
    `${f(worstCpuP95)} CPU); ` +
    `indexing ≥ 5,000 docs/s → ${pocs.length / indexSeconds >= 5000 ? 'met' : 'MISSED'} (${(pocs.length / indexSeconds).toFixed(0)} docs/s)` +
    (pgRate ? `; pg_trgm loads at ${pgRate.toFixed(0)} docs/s` : ''),
);
await engine.close();
