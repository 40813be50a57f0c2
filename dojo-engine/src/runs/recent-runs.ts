import type { TestRun } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import type { DojoStore } from '../persistence/dojo-store.ts';

/**
 * The dojo's latest finished runs from its session history (each run is recorded whole when it ends), so a
 * room created again (everyone left, or a process failed) still shows its traffic lights.
 */
export async function recentRuns(store: DojoStore, tenantId: TenantId, dojoId: DojoId): Promise<TestRun[]> {
  const runs: TestRun[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listHistory(tenantId, dojoId, { limit: 500, cursor, kinds: ['test_run'] });
    for (const event of page.items) runs.push(event.data as unknown as TestRun);
    cursor = page.nextCursor;
  } while (cursor);
  return runs.slice(-Limits.runHistory);
}
