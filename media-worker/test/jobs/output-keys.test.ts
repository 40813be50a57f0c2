import { reportKey, videoKey } from '@pocdojo/common/contracts/tenant-keys';
import test from 'ava';

test('output keys are deterministic and under the tenant prefix', (t) => {
  const tenant = '11111111-1111-4111-8111-111111111111';
  const job = '33333333-3333-4333-8333-333333333333';
  const user = '44444444-4444-4444-8444-444444444444';
  t.is(reportKey(tenant, job, 'csv'), `tenants/${tenant}/reports/${job}.csv`);
  t.is(videoKey(tenant, user, 2026, job), `tenants/${tenant}/videos/${user}/2026-${job}.mp4`);
});
