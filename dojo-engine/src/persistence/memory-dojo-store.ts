import type { DojoId, TenantId } from '@pocdojo/common/ids';
import type {
  ChangeBatch,
  DojoStore,
  HistoryEvent,
  HistoryKind,
  HistoryPage,
  StoredDocument,
  StoredHistoryEvent,
} from './dojo-store.ts';
import { decodeCursor, encodeCursor } from './history-cursor.ts';

interface MemoryDojo {
  tenantId: TenantId;
  roomState: Record<string, unknown> | null;
  snapshot: Uint8Array | null;
  changes: Array<{ id: number; bytes: Uint8Array }>;
}

/** The in-memory adapter: a single process, nothing survives a restart. */
export class MemoryDojoStore implements DojoStore {
  #dojos = new Map<DojoId, MemoryDojo>();
  #history: StoredHistoryEvent[] = [];
  #nextChangeId = 1;
  #nextHistoryId = 1;

  async registerDojo(dojoId: DojoId, tenantId: TenantId): Promise<TenantId> {
    const existing = this.#dojos.get(dojoId);
    if (existing) return existing.tenantId;
    this.#dojos.set(dojoId, { tenantId, roomState: null, snapshot: null, changes: [] });
    return tenantId;
  }

  async dojoTenant(dojoId: DojoId): Promise<TenantId | null> {
    return this.#dojos.get(dojoId)?.tenantId ?? null;
  }

  async loadDocument(dojoId: DojoId): Promise<StoredDocument | null> {
    const dojo = this.#dojos.get(dojoId);
    if (!dojo || (!dojo.snapshot && dojo.changes.length === 0)) return null;
    return {
      snapshot: dojo.snapshot ? dojo.snapshot.slice() : null,
      changes: dojo.changes.map((change) => change.bytes.slice()),
      lastChangeId: dojo.changes.at(-1)?.id ?? 0,
    };
  }

  async appendChanges(dojoId: DojoId, changes: readonly Uint8Array[]): Promise<number> {
    const dojo = this.#require(dojoId);
    let last = 0;
    for (const bytes of changes) {
      last = this.#nextChangeId++;
      dojo.changes.push({ id: last, bytes: bytes.slice() });
    }
    return last;
  }

  async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
    for (const { dojoId } of batch) this.#require(dojoId);
    const last = new Map<DojoId, number>();
    for (const { dojoId, changes } of batch) {
      if (changes.length) last.set(dojoId, await this.appendChanges(dojoId, changes));
    }
    return last;
  }

  async compact(dojoId: DojoId, snapshot: Uint8Array, upToChangeId: number): Promise<void> {
    const dojo = this.#require(dojoId);
    dojo.snapshot = snapshot.slice();
    dojo.changes = dojo.changes.filter((change) => change.id > upToChangeId);
  }

  async saveRoomState(dojoId: DojoId, state: Record<string, unknown>): Promise<void> {
    this.#require(dojoId).roomState = structuredClone(state);
  }

  async loadRoomState(dojoId: DojoId): Promise<Record<string, unknown> | null> {
    const state = this.#dojos.get(dojoId)?.roomState;
    return state ? structuredClone(state) : null;
  }

  async appendHistory(events: readonly HistoryEvent[]): Promise<void> {
    for (const event of events)
      this.#history.push({ ...event, data: structuredClone(event.data), id: this.#nextHistoryId++ });
  }

  async listHistory(
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null; kinds?: readonly HistoryKind[] },
  ): Promise<HistoryPage> {
    const after = decodeCursor(options.cursor);
    const matching = this.#history.filter(
      (event) => event.dojoId === dojoId && event.id > after && (!options.kinds || options.kinds.includes(event.kind)),
    );
    const items = matching.slice(0, options.limit);
    const more = matching.length > items.length;
    return { items, nextCursor: more && items.length ? encodeCursor(items.at(-1)!.id) : null };
  }

  async recentChat(dojoId: DojoId, limit: number): Promise<StoredHistoryEvent[]> {
    return this.#history.filter((event) => event.dojoId === dojoId && event.kind === 'chat').slice(-limit);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  #require(dojoId: DojoId): MemoryDojo {
    const dojo = this.#dojos.get(dojoId);
    if (!dojo) throw new Error(`dojo ${dojoId} is not registered`);
    return dojo;
  }
}
