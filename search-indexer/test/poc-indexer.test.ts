import { randomUUID } from 'node:crypto';
import type { TypedEnvelope } from '@pocdojo/common/contracts/events';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { PocIndexer, PoisonEventError } from '../src/domain/poc-indexer.ts';
import { newTenant, poc, query } from './conformance/fixtures.ts';
import { deleted, upserted } from './helpers/envelopes.ts';

async function setup() {
  const engine = await EmbeddedSearchEngine.open({ logger: createLogger('search-indexer-test') });
  return { engine, indexer: new PocIndexer(engine) };
}

test('newer versions apply; stale and duplicate ones are no-ops', async (t) => {
  const { engine, indexer } = await setup();
  const tenant = newTenant();
  const v1 = poc(tenant, { name: 'First draft' });
  const v2 = { ...v1, name: 'Second draft', version: 2 };
  t.is(await indexer.apply(upserted(v2) as TypedEnvelope), 'applied');
  t.is(await indexer.apply(upserted(v1) as TypedEnvelope), 'stale');
  t.is(await indexer.apply(upserted(v2) as TypedEnvelope), 'stale');
  t.deepEqual(
    (await engine.search(query(tenant, { q: 'draft' }))).hits.map((h) => h.name),
    ['Second draft'],
  );
});

test('a delete leaves a tombstone that stops a late upsert', async (t) => {
  const { engine, indexer } = await setup();
  const tenant = newTenant();
  const doc = poc(tenant, { name: 'Zombie service', version: 2 });
  t.is(await indexer.apply(deleted(doc, 3) as TypedEnvelope), 'applied', 'a delete before any upsert still records');
  t.is(await indexer.apply(upserted(doc) as TypedEnvelope), 'stale');
  t.is((await engine.search(query(tenant, { q: 'zombie' }))).total, 0);
});

test('concurrent events for one POC are serialised, so the newest wins whatever the order', async (t) => {
  const { engine, indexer } = await setup();
  const tenant = newTenant();
  const base = poc(tenant, { name: 'Race' });
  const versions = [5, 2, 9, 1, 7, 3, 8, 4, 6];
  await Promise.all(
    versions.map((v) => indexer.apply(upserted({ ...base, name: `Race v${v}`, version: v }) as TypedEnvelope)),
  );
  t.like(await engine.versionOf(tenant, base.id), { version: 9 });
  t.deepEqual(
    (await engine.search(query(tenant, { q: 'race' }))).hits.map((h) => h.name),
    ['Race v9'],
  );
});

test('an upsert whose data names another tenant is poison', async (t) => {
  const { indexer } = await setup();
  const envelope = upserted(poc(newTenant(), { name: 'Misrouted' }));
  t.throws(() => indexer.apply({ ...envelope, tenantId: randomUUID() } as TypedEnvelope), {
    instanceOf: PoisonEventError,
  });
});
