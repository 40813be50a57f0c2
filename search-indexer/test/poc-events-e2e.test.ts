import type { SearchResult } from '@pocdojo/common/contracts/search';
import type { TestFn } from 'ava';
import anyTest from 'ava';
import { newTenant, poc } from './conformance/fixtures.ts';
import { deleted, upserted } from './helpers/envelopes.ts';
import type { Harness } from './helpers/service-harness.ts';
import { eventually, receiveOne, startHarness } from './helpers/service-harness.ts';

// End to end: events published with the real AWS SDK to the SQS emulator → the
// running indexer → the HTTP query API. Serial: the drained-queue checks look at the whole queue.
const test = anyTest as TestFn<Harness>;

test.before(async (t) => {
  t.context = await startHarness();
});
test.after.always(async (t) => {
  await t.context.close?.();
});

async function names(h: Harness, tenantId: string, q: string): Promise<string[]> {
  const response = await h.search({ tenantId, q });
  const body = (await response.json()) as SearchResult;
  return body.hits.map((hit) => hit.name);
}

function shows(h: Harness, tenantId: string, q: string, expected: string[]) {
  return eventually(
    async () => {
      const actual = await names(h, tenantId, q);
      return JSON.stringify(actual) === JSON.stringify(expected) ? actual : undefined;
    },
    `"${q}" to show ${JSON.stringify(expected)}`,
  );
}

test.serial('create, rename and delete through poc-events are reflected by search', async (t) => {
  const h = t.context;
  const tenant = newTenant();
  const created = poc(tenant, { name: 'Websocket chat relay', tags: ['realtime'] });
  await h.publish(upserted(created));
  await shows(h, tenant, 'websocket', ['Websocket chat relay']);

  await h.publish(upserted({ ...created, name: 'Server-sent events relay', version: 2 }));
  await shows(h, tenant, 'events', ['Server-sent events relay']);
  t.deepEqual(await names(h, tenant, 'websocket'), []);

  await h.publish(deleted(created, 3));
  await shows(h, tenant, 'relay', []);
  t.pass();
});

test.serial('out-of-order and duplicate events change nothing; a late upsert does not resurrect', async (t) => {
  const h = t.context;
  const tenant = newTenant();
  const base = poc(tenant, { name: 'Ordering probe' });
  await h.publish(upserted({ ...base, name: 'Version three', version: 3 }));
  await shows(h, tenant, 'version', ['Version three']);

  await h.publish(upserted({ ...base, name: 'Version two', version: 2 }));
  await h.publish(upserted({ ...base, name: 'Version three duplicate', version: 3 }));
  await h.drained();
  t.deepEqual(await names(h, tenant, 'version'), ['Version three']);

  await h.publish(deleted(base, 5));
  await shows(h, tenant, 'version', []);
  await h.publish(upserted({ ...base, name: 'Version four late', version: 4 }));
  await h.publish(deleted(base, 5));
  await h.drained();
  t.deepEqual(await names(h, tenant, 'version'), []);
  t.deepEqual(await names(h, tenant, 'late'), []);
});

test.serial('tenant isolation through the API', async (t) => {
  const h = t.context;
  const [a, b] = [newTenant(), newTenant()];
  await h.publish(upserted(poc(a, { name: 'Ledger reconciliation' })));
  await h.publish(upserted(poc(b, { name: 'Ledger exporter' })));
  await shows(h, a, 'ledger', ['Ledger reconciliation']);
  await shows(h, b, 'ledger', ['Ledger exporter']);
  t.pass();
});

test.serial('a malformed event is retried with backoff, then parked in the dead-letter queue', async (t) => {
  const h = t.context;
  await h.publish('{"this is": "not an envelope"}');
  const parked = await eventually(() => receiveOne(h.sqs, h.dlqUrl), 'the poison message in poc-events-dlq', 20_000);
  t.is(parked, '{"this is": "not an envelope"}');
  const metrics = await (await fetch(h.service.metricsUrl)).text();
  t.regex(metrics, /search_indexer_events_total\{type="unknown",outcome="failed"[^}]*\} 2/);
});

test.serial('the query API needs the internal token and answers problems as problem+json', async (t) => {
  const h = t.context;
  const tenantId = newTenant();
  for (const bearer of ['', 'wrong-token']) {
    const response = await h.search({ tenantId, q: 'x' }, bearer);
    t.is(response.status, 401);
    t.is(response.headers.get('content-type'), 'application/problem+json');
    t.like(await response.json(), { status: 401, code: 'unauthorized' });
  }
  const bad = await h.search({ tenantId: 'nope', limit: '5000' });
  t.is(bad.status, 400);
  const problem = (await bad.json()) as { code: string; errors: { field: string }[] };
  t.is(problem.code, 'invalid_query');
  t.deepEqual(problem.errors.map((e) => e.field).sort(), ['limit', 'tenantId']);
  const huge = await h.search({ tenantId, q: 'a'.repeat(5000) });
  t.like(await huge.json(), { status: 400, code: 'query_too_long' });
  const ok = await h.search({ tenantId, q: '' });
  t.is(ok.status, 200);
  t.like(await ok.json(), { hits: [], total: 0, facets: { languages: {}, tags: {} } });
});

test.serial('health, readiness and metrics', async (t) => {
  const h = t.context;
  t.is((await fetch(new URL('/healthz', h.service.url))).status, 200);
  const ready = await fetch(new URL('/readyz', h.service.url));
  t.is(ready.status, 200);
  t.like(await ready.json(), { checks: { engine: 'ok', consumer: 'ok' } });
  // Metrics are for Prometheus on their own port: the public port does not serve them.
  t.is((await fetch(new URL('/metrics', h.service.url))).status, 404);
  t.regex(await (await fetch(h.service.metricsUrl)).text(), /search_query_duration_seconds_bucket/);
});

test.serial('a restart keeps the index', async (t) => {
  const h = t.context;
  const tenant = newTenant();
  await h.publish(upserted(poc(tenant, { name: 'Durable snapshot probe' })));
  await shows(h, tenant, 'durable', ['Durable snapshot probe']);
  await h.restart();
  t.deepEqual(await names(h, tenant, 'durable'), ['Durable snapshot probe']);
});
