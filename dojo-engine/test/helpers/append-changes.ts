import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import type { DojoStore } from '../../src/persistence/dojo-store.ts';
import type { ChangeMeta } from '../../src/persistence/timeline.ts';

/** Appends one dojo's changes through the store's batch write; returns the id of the last row written (0: none). */
export async function appendChanges(
  store: DojoStore,
  tenantId: TenantId,
  dojoId: DojoId,
  changes: readonly Uint8Array[],
  meta?: readonly ChangeMeta[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const last = await store.appendChangesBatch([{ tenantId, dojoId, changes, ...(meta ? { meta } : {}) }]);
  return last.get(dojoId) ?? 0;
}
