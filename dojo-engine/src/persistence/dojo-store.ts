import type { HistoryKind } from '@pocdojo/common/contracts/dojo-protocol/history';
import type { RunColour } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import type { ActorBinding, ChangeMeta, TimelinePage } from './timeline.ts';

/** What a room needs to rebuild its document: the last compacted save plus the changes after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Changes persisted since the snapshot, in insertion order (may repeat ones in the snapshot). */
  changes: Uint8Array[];
  /** Id of the last change row read; compaction deletes rows up to it. */
  lastChangeId: number;
}

/** One dojo's share of a batched append. */
export interface ChangeBatch {
  tenantId: TenantId;
  dojoId: DojoId;
  changes: readonly Uint8Array[];
  /** The replay timeline's record of each change, in the same order (absent: the changes get no timeline rows). */
  meta?: readonly ChangeMeta[];
}

/** The history's vocabulary is the protocol's (contracts/dojo-protocol/history.ts). */
export { type HistoryKind, HistoryKinds } from '@pocdojo/common/contracts/dojo-protocol/history';

/** One session history event. `data` is kind-specific (chat: `{chatId, text}`, rotation: `{reason}`…). */
export interface HistoryEvent {
  dojoId: DojoId;
  tenantId: TenantId;
  kind: HistoryKind;
  userId: UserId | null;
  name: string | null;
  data: Record<string, unknown>;
  /** Epoch ms. */
  at: number;
}

export interface StoredHistoryEvent extends HistoryEvent {
  id: number;
}

export interface HistoryPage {
  items: StoredHistoryEvent[];
  nextCursor: string | null;
}

/** A write carried a fencing token that a newer holder of the dojo's room lease has replaced. */
export class RoomLeaseLostError extends Error {
  constructor(dojoId: DojoId, fence: number) {
    super(`dojo ${dojoId}: room lease ${fence} was taken over by a newer room`);
    this.name = 'RoomLeaseLostError';
  }
}

/** A dojo a member joined: when first (in the asked window), and the traffic lights of its finished test runs. */
export interface MemberDojo {
  dojoId: DojoId;
  /** Epoch ms of the member's first join in the window. */
  joinedAt: number;
  /** Colours of the dojo's finished runs, oldest first (whoever ran them). */
  runs: RunColour[];
}

/** A change the room accepted from one of a member's sessions (its actor is bound to them). */
export interface MemberChange {
  dojoId: DojoId;
  hash: string;
  /** Epoch ms the room accepted it. */
  at: number;
}

/** What the engine attributes to one member across a tenant's dojos: for their personal data export. */
export interface MemberRecords {
  /** Every history event naming them (joins, chat, test runs…), per dojo in order. */
  history: StoredHistoryEvent[];
  /** Every change attributed to them, per dojo in acceptance order. */
  changes: MemberChange[];
}

/**
 * The persistence port of dojo-engine: documents, their incremental changes,
 * and session history. Adapters: PostgresDojoStore (production), MemoryDojoStore
 * (tests and the store conformance suite's reference).
 */
export interface DojoStore {
  /**
   * Records which tenant a dojo belongs to; keeps the first tenant if already registered, and returns it.
   * With dojoTenant, the only calls that read across tenants (the registry admission checks tickets against).
   */
  registerDojo(dojoId: DojoId, tenantId: TenantId): Promise<TenantId>;
  /** The tenant a dojo belongs to, or null when the engine has never seen it. */
  dojoTenant(dojoId: DojoId): Promise<TenantId | null>;
  // Every call below is scoped to `tenantId`: a dojo of another tenant reads as absent and cannot be written.
  loadDocument(tenantId: TenantId, dojoId: DojoId): Promise<StoredDocument | null>;
  /**
   * Appends changes of many dojos in one write (each dojo's in the given order);
   * returns the id of the last row written per dojo. The process-wide
   * ChangeBatcher uses it so that hundreds of live rooms cost one insert per flush.
   */
  appendChangesBatch(batch: readonly ChangeBatch[]): Promise<Map<DojoId, number>>;
  /**
   * Replaces the snapshot and deletes change rows with id ≤ `upToChangeId`, atomically.
   * With `fence`, only while the dojo's room lease still carries that token; otherwise
   * throws RoomLeaseLostError and changes nothing (a stale room's snapshot would
   * delete change rows the newer room wrote and it never saw).
   */
  compact(
    tenantId: TenantId,
    dojoId: DojoId,
    snapshot: Uint8Array,
    upToChangeId: number,
    fence?: number,
  ): Promise<void>;
  /** Replaces the dojo's saved room state (facilitation: timer, driver, rotation order); with `fence`, as compact. */
  saveRoomState(tenantId: TenantId, dojoId: DojoId, state: Record<string, unknown>, fence?: number): Promise<void>;
  /** The last saved room state, or null. */
  loadRoomState(tenantId: TenantId, dojoId: DojoId): Promise<Record<string, unknown> | null>;
  /** Records that a facilitator removed `userId`: the dojo refuses them from now on, room re-creations included. */
  removeParticipant(tenantId: TenantId, dojoId: DojoId, userId: UserId): Promise<void>;
  /** Users a facilitator removed from the dojo. */
  removedParticipants(tenantId: TenantId, dojoId: DojoId): Promise<UserId[]>;
  /** Appends events (each is written under its own `tenantId`). */
  appendHistory(events: readonly HistoryEvent[]): Promise<void>;
  /** Oldest first, after `cursor` (exclusive), at most `limit`, filtered to `kinds` when given. */
  listHistory(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null; kinds?: readonly HistoryKind[] },
  ): Promise<HistoryPage>;
  /** Records which user each actor belongs to; an actor already bound keeps its first binding. */
  bindActors(tenantId: TenantId, dojoId: DojoId, bindings: readonly ActorBinding[]): Promise<void>;
  /** Every actor binding of the dojo. */
  listActors(tenantId: TenantId, dojoId: DojoId): Promise<ActorBinding[]>;
  /**
   * The replay timeline: accepted changes (author resolved through the actor bindings) and finished
   * test runs, in time order (a change before a run of the same millisecond), after `cursor`, at most `limit`.
   */
  listTimeline(
    tenantId: TenantId,
    dojoId: DojoId,
    options: { limit: number; cursor?: string | null },
  ): Promise<TimelinePage>;
  /** Dojos `userId` joined in [fromMs, toMs), first joined first: for the member's yearly video. */
  memberDojos(tenantId: TenantId, userId: UserId, fromMs: number, toMs: number): Promise<MemberDojo[]>;
  /** Everything attributed to `userId` in the tenant's dojos (LGPD access and portability). */
  memberRecords(tenantId: TenantId, userId: UserId): Promise<MemberRecords>;
  /** The latest `limit` chat events, oldest first. */
  recentChat(tenantId: TenantId, dojoId: DojoId, limit: number): Promise<StoredHistoryEvent[]>;
  /**
   * A member deleted their account (LGPD): every history event of theirs in every dojo of the
   * tenant loses their id and name; what they said stays, attributed to nobody. Returns the count.
   */
  eraseMember(tenantId: TenantId, userId: UserId): Promise<number>;
  /**
   * The tenant's team was erased (LGPD): every dojo of the tenant goes, with its document,
   * changes, history, chat, replay timeline, actors, room state and lease. Idempotent; returns the dojos removed.
   */
  eraseTenant(tenantId: TenantId): Promise<number>;
  /**
   * Takes the dojo's room lease for `holder` (one engine process) when it is
   * free, expired or already `holder`'s, for `ttlMs`; returns the new fencing
   * token (larger than every earlier one), or null while another holder's lease
   * is live. The dojo must be registered. System scope: ownership is not tenant data.
   */
  acquireRoomLease(dojoId: DojoId, holder: string, ttlMs: number): Promise<number | null>;
  /**
   * Extends, by `ttlMs` from now, every lease `holder` still holds — expired ones
   * too, as long as nobody took them over — and returns their tokens by dojo.
   */
  renewRoomLeases(holder: string, ttlMs: number): Promise<Map<DojoId, number>>;
  /** Frees the lease if it still carries `token`. */
  releaseRoomLease(dojoId: DojoId, token: number): Promise<void>;
  /** Resolves when the backing store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
