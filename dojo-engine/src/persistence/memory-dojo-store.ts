import type { RunColour } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import type {
  ChangeBatch,
  DojoStore,
  HistoryEvent,
  HistoryKind,
  HistoryPage,
  MemberDojo,
  MemberRecords,
  StoredDocument,
  StoredHistoryEvent,
} from './dojo-store.ts';
import { RoomLeaseLostError } from './dojo-store.ts';
import { decodeCursor, encodeCursor } from './history-cursor.ts';
import {
  type ActorBinding,
  type ChangeMeta,
  decodeTimelineCursor,
  encodeTimelineCursor,
  isAfter,
  type TimelineItem,
  type TimelinePage,
  timelineSource,
} from './timeline.ts';

interface MemoryDojo {
  tenantId: TenantId;
  roomState: Record<string, unknown> | null;
  removed: UserId[];
  snapshot: Uint8Array | null;
  changes: Array<{ id: number; bytes: Uint8Array }>;
  actors: Map<string, ActorBinding>;
  timeline: Array<ChangeMeta & { id: number }>;
  lease: { holder: string | null; token: number; expiresAt: number };
}

/** The in-memory adapter: a single process, nothing survives a restart. */
export class MemoryDojoStore implements DojoStore {
  #dojos = new Map<DojoId, MemoryDojo>();
  #history: StoredHistoryEvent[] = [];
  #nextChangeId = 1;
  #nextHistoryId = 1;
  #nextTimelineId = 1;

  async registerDojo(dojoId: DojoId, tenantId: TenantId): Promise<TenantId> {
    const existing = this.#dojos.get(dojoId);
    if (existing) return existing.tenantId;
    this.#dojos.set(dojoId, {
      tenantId,
      roomState: null,
      removed: [],
      snapshot: null,
      changes: [],
      actors: new Map(),
      timeline: [],
      lease: { holder: null, token: 0, expiresAt: 0 },
    });
    return tenantId;
  }

  async dojoTenant(dojoId: DojoId): Promise<TenantId | null> {
    return this.#dojos.get(dojoId)?.tenantId ?? null;
  }

  async loadDocument(tenantId: TenantId, dojoId: DojoId): Promise<StoredDocument | null> {
    const dojo = this.#find(tenantId, dojoId);
    if (!dojo || (!dojo.snapshot && dojo.changes.length === 0)) return null;
    return {
      snapshot: dojo.snapshot ? dojo.snapshot.slice() : null,
      changes: dojo.changes.map((change) => change.bytes.slice()),
      lastChangeId: dojo.changes.at(-1)?.id ?? 0,
    };
  }

  #append(tenantId: TenantId, dojoId: DojoId, changes: readonly Uint8Array[], meta?: readonly ChangeMeta[]): number {
    const dojo = this.#require(tenantId, dojoId);
    let last = 0;
    for (const bytes of changes) {
      last = this.#nextChangeId++;
      dojo.changes.push({ id: last, bytes: bytes.slice() });
    }
    for (const entry of meta ?? []) dojo.timeline.push({ ...entry, id: this.#nextTimelineId++ });
    return last;
  }

  async appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>> {
    for (const { tenantId, dojoId } of batch) this.#require(tenantId, dojoId);
    const last = new Map<DojoId, number>();
    for (const { tenantId, dojoId, changes, meta } of batch) {
      if (changes.length) last.set(dojoId, this.#append(tenantId, dojoId, changes, meta));
    }
    return last;
  }

  async compact(
    tenantId: TenantId,
    dojoId: DojoId,
    snapshot: Uint8Array,
    upToChangeId: number,
    fence?: number,
  ): Promise<void> {
    const dojo = this.#require(tenantId, dojoId);
    this.#checkFence(dojo, dojoId, fence);
    dojo.snapshot = snapshot.slice();
    dojo.changes = dojo.changes.filter((change) => change.id > upToChangeId);
  }

  async saveRoomState(
    tenantId: TenantId,
    dojoId: DojoId,
    state: Record<string, unknown>,
    fence?: number,
  ): Promise<void> {
    const dojo = this.#require(tenantId, dojoId);
    this.#checkFence(dojo, dojoId, fence);
    dojo.roomState = structuredClone(state);
  }

  async acquireRoomLease(dojoId: DojoId, holder: string, ttlMs: number): Promise<number | null> {
    const dojo = this.#dojos.get(dojoId);
    if (!dojo) return null;
    const { lease } = dojo;
    const now = Date.now();
    if (lease.holder !== null && lease.holder !== holder && lease.expiresAt >= now) return null;
    dojo.lease = { holder, token: lease.token + 1, expiresAt: now + ttlMs };
    return dojo.lease.token;
  }

  async renewRoomLeases(holder: string, ttlMs: number): Promise<Map<DojoId, number>> {
    const renewed = new Map<DojoId, number>();
    for (const [dojoId, dojo] of this.#dojos) {
      if (dojo.lease.holder !== holder) continue;
      dojo.lease.expiresAt = Date.now() + ttlMs;
      renewed.set(dojoId, dojo.lease.token);
    }
    return renewed;
  }

  async releaseRoomLease(dojoId: DojoId, token: number): Promise<void> {
    const dojo = this.#dojos.get(dojoId);
    if (dojo?.lease.token === token) dojo.lease = { holder: null, token, expiresAt: 0 };
  }

  #checkFence(dojo: MemoryDojo, dojoId: DojoId, fence: number | undefined): void {
    if (fence !== undefined && dojo.lease.token !== fence) throw new RoomLeaseLostError(dojoId, fence);
  }

  async loadRoomState(tenantId: TenantId, dojoId: DojoId): Promise<Record<string, unknown> | null> {
    const state = this.#find(tenantId, dojoId)?.roomState;
    return state ? structuredClone(state) : null;
  }

  async removeParticipant(tenantId: TenantId, dojoId: DojoId, userId: UserId): Promise<void> {
    const dojo = this.#require(tenantId, dojoId);
    if (!dojo.removed.includes(userId)) dojo.removed.push(userId);
  }

  async removedParticipants(tenantId: TenantId, dojoId: DojoId): Promise<UserId[]> {
    return [...(this.#find(tenantId, dojoId)?.removed ?? [])];
  }

  async appendHistory(events: readonly HistoryEvent[]): Promise<void> {
    for (const event of events) this.#require(event.tenantId, event.dojoId);
    for (const event of events)
      this.#history.push({ ...event, data: structuredClone(event.data), id: this.#nextHistoryId++ });
  }

  async listHistory(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null; kinds?: readonly HistoryKind[] },
  ): Promise<HistoryPage> {
    const after = decodeCursor(options.cursor);
    const matching = this.#history.filter(
      (event) =>
        event.tenantId === tenantId &&
        event.dojoId === dojoId &&
        event.id > after &&
        (!options.kinds || options.kinds.includes(event.kind)),
    );
    const items = matching.slice(0, options.limit);
    const more = matching.length > items.length;
    return { items, nextCursor: more && items.length ? encodeCursor(items.at(-1)!.id) : null };
  }

  async bindActors(tenantId: TenantId, dojoId: DojoId, bindings: readonly ActorBinding[]): Promise<void> {
    const dojo = this.#require(tenantId, dojoId);
    for (const binding of bindings) if (!dojo.actors.has(binding.actor)) dojo.actors.set(binding.actor, { ...binding });
  }

  async listActors(tenantId: TenantId, dojoId: DojoId): Promise<ActorBinding[]> {
    return [...(this.#find(tenantId, dojoId)?.actors.values() ?? [])].map((binding) => ({ ...binding }));
  }

  async listTimeline(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null },
  ): Promise<TimelinePage> {
    const after = decodeTimelineCursor(options.cursor);
    const dojo = this.#find(tenantId, dojoId);
    if (!dojo) return { items: [], nextCursor: null };
    const changes: TimelineItem[] = dojo.timeline.map((entry) => ({
      kind: 'change',
      id: entry.id,
      at: entry.at,
      hash: entry.hash,
      deps: [...entry.deps],
      actor: entry.actor,
      userId: dojo.actors.get(entry.actor)?.userId ?? null,
    }));
    const runs: TimelineItem[] = this.#history
      .filter((event) => event.tenantId === tenantId && event.dojoId === dojoId && event.kind === 'test_run')
      .map((event) => ({
        kind: 'test_run',
        id: event.id,
        at: event.at,
        userId: event.userId,
        name: event.name,
        data: structuredClone(event.data),
      }));
    const ordered = [...changes, ...runs]
      .filter((item) => isAfter(item, after))
      .sort((a, b) => a.at - b.at || timelineSource[a.kind] - timelineSource[b.kind] || a.id - b.id);
    const items = ordered.slice(0, options.limit);
    const more = ordered.length > items.length;
    return { items, nextCursor: more && items.length ? encodeTimelineCursor(items.at(-1)!) : null };
  }

  async memberDojos(tenantId: TenantId, userId: UserId, fromMs: number, toMs: number): Promise<MemberDojo[]> {
    const firstJoin = new Map<DojoId, number>();
    for (const event of this.#history) {
      if (event.tenantId !== tenantId || event.kind !== 'joined' || event.userId !== userId) continue;
      if (event.at < fromMs || event.at >= toMs) continue;
      firstJoin.set(event.dojoId, Math.min(firstJoin.get(event.dojoId) ?? event.at, event.at));
    }
    return [...firstJoin]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([dojoId, joinedAt]) => ({
        dojoId,
        joinedAt,
        runs: this.#history
          .filter((event) => event.tenantId === tenantId && event.dojoId === dojoId && event.kind === 'test_run')
          .flatMap((event) => (isColour(event.data.colour) ? [event.data.colour] : [])),
      }));
  }

  async memberRecords(tenantId: TenantId, userId: UserId): Promise<MemberRecords> {
    const history = this.#history
      .filter((event) => event.tenantId === tenantId && event.userId === userId)
      .sort((a, b) => a.dojoId.localeCompare(b.dojoId) || a.id - b.id)
      .map((event) => ({ ...event, data: structuredClone(event.data) }));
    const dojos = [...this.#dojos].filter(([, dojo]) => dojo.tenantId === tenantId);
    const changes = dojos
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([dojoId, dojo]) =>
        dojo.timeline
          .filter((entry) => dojo.actors.get(entry.actor)?.userId === userId)
          .sort((a, b) => a.at - b.at || a.id - b.id)
          .map((entry) => ({ dojoId, hash: entry.hash, at: entry.at })),
      );
    return { history, changes };
  }

  async recentChat(tenantId: TenantId, dojoId: DojoId, limit: number): Promise<StoredHistoryEvent[]> {
    return this.#history
      .filter((event) => event.tenantId === tenantId && event.dojoId === dojoId && event.kind === 'chat')
      .slice(-limit);
  }

  async eraseMember(tenantId: TenantId, userId: UserId): Promise<number> {
    let erased = 0;
    for (const event of this.#history) {
      if (event.tenantId !== tenantId || event.userId !== userId) continue;
      event.userId = null;
      event.name = null;
      erased++;
    }
    return erased;
  }

  async eraseTenant(tenantId: TenantId): Promise<number> {
    let erased = 0;
    for (const [dojoId, dojo] of this.#dojos) {
      if (dojo.tenantId !== tenantId) continue;
      this.#dojos.delete(dojoId);
      erased++;
    }
    this.#history = this.#history.filter((event) => event.tenantId !== tenantId);
    return erased;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  /** The dojo as `tenantId` sees it: another tenant's dojo is absent, as under row-level security. */
  #find(tenantId: TenantId, dojoId: DojoId): MemoryDojo | undefined {
    const dojo = this.#dojos.get(dojoId);
    return dojo?.tenantId === tenantId ? dojo : undefined;
  }

  #require(tenantId: TenantId, dojoId: DojoId): MemoryDojo {
    const dojo = this.#find(tenantId, dojoId);
    if (!dojo) throw new Error(`dojo ${dojoId} is not registered for tenant ${tenantId}`);
    return dojo;
  }
}

const isColour = (value: unknown): value is RunColour => value === 'red' || value === 'amber' || value === 'green';
