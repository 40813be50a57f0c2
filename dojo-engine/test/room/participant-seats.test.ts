import type { TenantId } from '@pocdojo/common/contracts/ids';
import test from 'ava';
import { MemoryParticipantSeats } from '../../src/room/participant-seats.ts';

const tenant = 'tenant-a' as TenantId;

test('seats are per person and dojo, limited per tenant, and lapse without renewal', async (t) => {
  let now = 0;
  const seats = new MemoryParticipantSeats({ now: () => now, leaseMs: 1000 });
  t.true(await seats.acquire(tenant, 'd1:ada', 2));
  t.true(await seats.acquire(tenant, 'd2:bob', 2));
  t.false(await seats.acquire(tenant, 'd1:cara', 2));
  t.true(await seats.acquire(tenant, 'd1:ada', 2), 'a second tab of the same person');
  t.true(await seats.acquire('tenant-b' as TenantId, 'd9:dan', 1), 'other tenants count apart');
  now = 900;
  await seats.renew(tenant, ['d1:ada']);
  now = 1500;
  t.true(await seats.acquire(tenant, 'd1:cara', 2), "bob's lease lapsed; ada's was renewed");
  t.false(await seats.acquire(tenant, 'd3:eve', 2));
  await seats.release(tenant, 'd1:ada');
  t.true(await seats.acquire(tenant, 'd3:eve', 2));
});
