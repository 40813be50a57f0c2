import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { createLogger } from '@pocdojo/common/logger';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { ReplicatedSearchEngine } from '../src/adapters/replicated-search-engine.ts';
import type { SearchEngine } from '../src/domain/search-engine.ts';
import { reindex } from '../src/reindex/reindex.ts';
import { newTenant, poc, query } from './conformance/fixtures.ts';
import { runSearchEngineConformance } from './conformance/search-engine-conformance.ts';

const logger = createLogger('search-indexer-test', 'silent');
const embedded = () => EmbeddedSearchEngine.open({ logger });

// Two copies fed together behave as one engine.
runSearchEngineConformance(test, async () => {
  const engine = await ReplicatedSearchEngine.open(
    [
      { name: 'a', open: embedded },
      { name: 'b', open: embedded },
    ],
    { logger, rebuild: async () => {} },
  );
  return { engine, dispose: () => engine.close() };
});

/** A copy whose zone can be taken down: every call fails while `down`. */
function inZone(engine: SearchEngine) {
  const zone = { down: false };
  const guarded = new Proxy(engine, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (zone.down && property !== 'close') return Promise.reject(new Error('connect ECONNREFUSED (zone down)'));
        return value.apply(target, args);
      };
    },
  });
  return { zone, engine: guarded as SearchEngine };
}

test('losing a zone loses one copy: searches and writes go on, and the copy is rebuilt when it is back', async (t) => {
  const a = inZone(await embedded());
  const b = inZone(await embedded());
  const tenant = newTenant();
  // The platform's truth (what its export would answer), kept by the test as it writes.
  const truth = new Map<string, SearchablePoc>();
  const engine = await ReplicatedSearchEngine.open(
    [
      { name: 'zone-a', open: async () => a.engine },
      { name: 'zone-b', open: async () => b.engine },
    ],
    {
      logger,
      retryMs: 3_600_000,
      rebuild: (replica) =>
        reindex(
          replica,
          (async function* () {
            yield [...truth.values()];
          })(),
        ),
    },
  );
  t.teardown(() => engine.close());
  const write = async (doc: SearchablePoc) => {
    truth.set(doc.id, doc);
    return engine.upsert([doc]);
  };
  const names = async () => (await engine.search(query(tenant, { q: 'zone' }))).hits.map((hit) => hit.name).sort();

  await write(poc(tenant, { name: 'Zone before' }));
  a.zone.down = true;
  // The first copy is gone: the search is answered by the second, and writes stand on it alone.
  t.deepEqual(await names(), ['Zone before']);
  t.is((await write(poc(tenant, { name: 'Zone during' }))).length, 1);
  t.deepEqual(await names(), ['Zone before', 'Zone during']);
  t.deepEqual(engine.status, { 'zone-a': false, 'zone-b': true });

  // While it is still down, a repair round changes nothing.
  await engine.repair();
  t.deepEqual(engine.status, { 'zone-a': false, 'zone-b': true });

  a.zone.down = false;
  await engine.repair();
  t.deepEqual(engine.status, { 'zone-a': true, 'zone-b': true });
  // The copy is back in step with what it missed, and now the other zone may go.
  const onA = await a.engine.search(query(tenant, { q: 'zone' }));
  t.deepEqual(onA.hits.map((hit) => hit.name).sort(), ['Zone before', 'Zone during']);
  b.zone.down = true;
  await write(poc(tenant, { name: 'Zone after' }));
  t.deepEqual(engine.status, { 'zone-a': true, 'zone-b': false });
  t.deepEqual(await names(), ['Zone after', 'Zone before', 'Zone during']);
});

test('a copy down when the indexer starts is opened and rebuilt later; with no copy at all, start fails', async (t) => {
  let reachable = false;
  const late = await embedded();
  const tenant = newTenant();
  const doc = poc(tenant, { name: 'Zone late' });
  const engine = await ReplicatedSearchEngine.open(
    [
      { name: 'up', open: embedded },
      {
        name: 'late',
        open: async () => {
          if (!reachable) throw new Error('connect ETIMEDOUT');
          return late;
        },
      },
    ],
    {
      logger,
      retryMs: 3_600_000,
      rebuild: (replica) =>
        reindex(
          replica,
          (async function* () {
            yield [doc];
          })(),
        ),
    },
  );
  t.teardown(() => engine.close());
  await engine.upsert([doc]);
  t.deepEqual(engine.status, { up: true, late: false });
  reachable = true;
  await engine.repair();
  t.deepEqual(engine.status, { up: true, late: true });
  t.like(await late.versionOf(tenant, doc.id), { version: doc.version });

  await t.throwsAsync(
    ReplicatedSearchEngine.open([{ name: 'gone', open: () => Promise.reject(new Error('down')) }], {
      logger,
      rebuild: async () => {},
    }),
    { message: /no search replica could be opened/ },
  );
});
