import { randomUUID } from 'node:crypto';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { RoomLeases } from '../../src/room/room-leases.ts';
import { createMigratedDatabase } from '../helpers/database.ts';
import { eventually } from '../helpers/dojo-client.ts';

/**
 * The per-dojo room leases between two engine processes (two RoomLeases on one
 * real Postgres database): one holder at a time, kept alive by renewals far
 * past the TTL, taken over only once the holder stops renewing — and the old
 * holder is told.
 */
const logger = createLogger('dojo-engine', 'silent');
const never = async () => false;

test('a renewed lease outlives its TTL; once renewals stop, another process takes it and the first is told', async (t) => {
  const database = await createMigratedDatabase();
  const store = new PostgresDojoStore(database.appUrl);
  const options = { ttlMs: 1500, renewEveryMs: 100, ownerWaitMs: 300 };
  const first = new RoomLeases({ store, logger, options });
  const second = new RoomLeases({ store, logger, options });
  t.teardown(async () => {
    await first.close();
    await second.close();
    await store.close();
    await database.drop();
  });
  const dojoId = randomUUID() as DojoId;
  await store.registerDojo(dojoId, randomUUID() as TenantId);

  let lost = false;
  const claim = await first.claim(
    dojoId,
    () => {
      lost = true;
    },
    never,
  );
  t.true('lease' in claim);
  // Several TTLs later the first still holds it: its renewals keep it.
  await new Promise((resolve) => setTimeout(resolve, 2 * options.ttlMs));
  const refused = await t.throwsAsync(second.claim(dojoId, () => {}, never));
  t.regex(refused.message, /room_elsewhere/);
  t.false(lost);

  // A second claim on the same process is not a second room either: it waits for the listing.
  t.deepEqual(
    await first.claim(
      dojoId,
      () => {},
      async () => true,
    ),
    { ownerListed: true },
  );

  await first.close(); // renewals stop, as when a process is stalled or killed
  // Refused (503) until the lease expires: the caller's retries, as a client's, get it then.
  let takeover: Awaited<ReturnType<RoomLeases['claim']>> | undefined;
  const deadline = Date.now() + 30_000;
  while (!takeover && Date.now() < deadline)
    takeover = await second.claim(dojoId, () => {}, never).catch(() => undefined);
  t.true(takeover && 'lease' in takeover && 'lease' in claim && takeover.lease > claim.lease);
  await first.renew();
  await eventually(() => lost, 5000, 'the first holder learning it lost the lease');
});
