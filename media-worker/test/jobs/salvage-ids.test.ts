import test from 'ava';
import { salvageIds } from '../../src/jobs/poison.ts';

test('ids are salvaged from an invalid envelope only when both are UUIDs', (t) => {
  const jobId = '33333333-3333-4333-8333-333333333333';
  const tenantId = '11111111-1111-4111-8111-111111111111';
  t.deepEqual(salvageIds(JSON.stringify({ tenantId, data: { jobId, format: 'docx' } })), { jobId, tenantId });
  t.is(salvageIds(JSON.stringify({ tenantId: 'acme', data: { jobId } })), null);
  t.is(salvageIds('not json'), null);
  t.is(salvageIds(undefined), null);
});
