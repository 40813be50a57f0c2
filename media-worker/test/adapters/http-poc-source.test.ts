import test from 'ava';
import { HttpPocSource } from '../../src/adapters/http-poc-source.ts';
import { JobError } from '../../src/errors.ts';
import { alice, manyPocs, tenantA, tenantB } from '../support/fixtures.ts';
import { type PlatformStub, startPlatformStub } from '../support/platform-stub.ts';

let stub: PlatformStub;
test.before(async () => {
  stub = await startPlatformStub();
});
test.after.always(async () => {
  await stub?.close();
});

const query = { tenantId: tenantA, from: '2026-01-01', to: '2027-01-01' };

test.serial('follows the cursor across pages of 1000 and sends the internal token', async (t) => {
  stub.pocs = manyPocs(2500, 2026, [alice.id]);
  stub.requests.length = 0;
  const source = new HttpPocSource({ baseUrl: stub.url, token: stub.token });
  const pocs = await source.listPocs(query);
  t.is(pocs.length, 2500);
  t.is(new Set(pocs.map((p) => p.id)).size, 2500);
  t.is(stub.requests.length, 3);
  t.true(stub.requests.every((url) => url.includes('limit=1000') && url.includes(`tenantId=${tenantA}`)));
});

test.serial('a 503 is retryable, a 401 (wrong token) is not', async (t) => {
  stub.failNext(1, 503);
  const outage = await t.throwsAsync(new HttpPocSource({ baseUrl: stub.url, token: stub.token }).listMembers(tenantA), {
    instanceOf: JobError,
  });
  t.true(outage.retryable);
  t.is(outage.code, 'source_unavailable');
  const refused = await t.throwsAsync(
    new HttpPocSource({ baseUrl: stub.url, token: 'wrong-token-0123456789' }).listMembers(tenantA),
    {
      instanceOf: JobError,
    },
  );
  t.false(refused.retryable);
  t.is(refused.code, 'source_rejected');
});

test.serial('an unreachable platform is retryable', async (t) => {
  const source = new HttpPocSource({ baseUrl: 'http://127.0.0.1:1', token: stub.token, timeoutMs: 2000 });
  const error = await t.throwsAsync(source.listPocs(query), { instanceOf: JobError });
  t.true(error.retryable);
});

test.serial('a POC of another tenant in the answer is refused rather than rendered', async (t) => {
  stub.pocs = manyPocs(1, 2026, [alice.id]);
  // A broken export that leaks another tenant's POC into tenant A's answer.
  const broken = new HttpPocSource({
    baseUrl: stub.url,
    token: stub.token,
    fetch: async (input, init) => {
      const body = await (await fetch(input, init)).json();
      return Response.json({ ...body, items: body.items.map((p: object) => ({ ...p, tenantId: tenantB })) });
    },
  });
  const error = await t.throwsAsync(broken.listPocs(query), { instanceOf: JobError });
  t.false(error.retryable);
  t.regex(error.message, /another tenant/);
});
