import { createHash } from 'node:crypto';
import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/contracts/dojo-protocol/document';
import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import { Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { DocumentShape, KnownObjects } from './document-shape.ts';
import { decodeOneChange, syncEntryChanges } from './sync-entry.ts';

/** Outcome of offering a peer's bytes to the document. */
export type ApplyResult =
  | {
      ok: true;
      /** Changes new to the document (to persist and relay); empty when nothing new. */
      applied: Uint8Array[];
    }
  | {
      ok: false;
      code:
        | typeof DojoErrorCode.malformedMessage
        | typeof DojoErrorCode.editForbidden
        | typeof DojoErrorCode.invalidChange
        | typeof DojoErrorCode.documentTooLarge;
      message: string;
    };

/** When buffered fast-path changes are merged into the document even if nobody needs it (see DojoDocument). */
export const MERGE_THRESHOLD_CHANGES = 256;

/**
 * The authoritative Automerge document of one dojo and the sync state of each
 * peer. Knows nothing about sockets or rooms: the room hands it bytes and a
 * verdict on whether the sender may edit, and gets back what to persist and relay.
 *
 * Refusal happens before anything is applied, so a refused or malformed
 * message never changes the document.
 *
 * Fast-path changes are validated (decoded, checksummed, policy-checked) at
 * once but merged lazily: Automerge's applyChanges costs a fixed amount per
 * call that grows with the document (measured: ~1 ms at 500 characters, ~3 ms
 * at 5,000, per call), while merging 300 changes in one call costs about as
 * much as one. Pending changes are merged before anything reads the document
 * (sync, save, files) and whenever MERGE_THRESHOLD_CHANGES pile up.
 */
export class DojoDocument {
  #doc: A.Doc<DojoDoc>;
  #peers = new Map<string, A.SyncState>();
  /** Validated changes not merged yet, in arrival order, and their hashes. */
  #pending: Uint8Array[] = [];
  #pendingHashes = new Set<string>();
  /** What shape checks found out about this document's objects (it stays true). */
  readonly #known = new KnownObjects();
  /** Size estimate: last save() plus bytes of changes accepted since (exact size costs a save()). */
  #bytes: number;
  /** Changes Automerge refused when merging (count); they were valid encodings with invalid content. */
  rejectedOnMerge = 0;
  /**
   * Fast-path changes whose dependencies the document does not have yet: held
   * back (neither merged, persisted nor relayed) until the dependencies arrive
   * — a client that re-matchmade may send a keystroke before the sync that
   * carries its earlier ones — or refused once they have waited too long
   * (expireParked): dependencies that never existed must not enter the document.
   */
  #parked: Parked[] = [];

  private constructor(doc: A.Doc<DojoDoc>, bytes: number) {
    this.#doc = doc;
    this.#bytes = bytes;
  }

  /**
   * A new document holding `files`. The first change is deterministic (actor
   * derived from the dojo id, time 0), so two processes that race to create the
   * same dojo produce the very same change instead of two conflicting ones.
   */
  static create(dojoId: string, files: Record<string, string>): DojoDocument {
    const actor = createHash('sha256').update(`dojo:${dojoId}`).digest('hex').slice(0, 32);
    const doc = A.change(A.init<DojoDoc>({ actor }), { time: 0, message: 'starter files' }, (draft) => {
      draft.files = {};
      for (const [path, text] of Object.entries(files)) draft.files[path] = text;
    });
    // Reloading gives a random actor: later server-side changes must not reuse the deterministic one.
    const saved = A.save(doc);
    return new DojoDocument(A.load<DojoDoc>(saved), saved.byteLength);
  }

  /** Rebuilds a document from a snapshot and the changes persisted after it. */
  static load(snapshot: Uint8Array | null, changes: readonly Uint8Array[]): DojoDocument {
    const doc = snapshot ? A.load<DojoDoc>(snapshot) : A.init<DojoDoc>();
    const size = (snapshot?.byteLength ?? 0) + changes.reduce((sum, change) => sum + change.byteLength, 0);
    const document = new DojoDocument(doc, size);
    document.#pending = [...changes];
    document.merge();
    return document;
  }

  get heads(): string[] {
    this.merge();
    return A.getHeads(this.#doc);
  }

  /** Estimated encoded size in bytes. */
  get byteSize(): number {
    return this.#bytes;
  }

  /** Validated changes waiting to be merged. */
  get pendingChanges(): number {
    return this.#pending.length;
  }

  /** A plain copy of the files (tolerant of a document whose `files` is not a map). */
  files(): Record<string, string> {
    this.merge();
    const files = this.#doc.files;
    const out: Record<string, string> = {};
    if (files && typeof files === 'object') {
      for (const [path, text] of Object.entries(files)) if (typeof text === 'string') out[path] = text;
    }
    return out;
  }

  /** Full save; also resets the size estimate to the exact size. */
  save(): Uint8Array {
    this.merge();
    const bytes = A.save(this.#doc);
    this.#bytes = bytes.byteLength;
    return bytes;
  }

  /**
   * Merges pending changes in one applyChanges call. If Automerge refuses the
   * batch (a change that decodes but does not apply), merges them one by one
   * and drops the refused ones, so one bad change cannot wedge the room.
   */
  merge(): void {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    this.#pendingHashes.clear();
    try {
      [this.#doc] = A.applyChanges(this.#doc, pending);
    } catch {
      for (const change of pending) {
        try {
          [this.#doc] = A.applyChanges(this.#doc, [change]);
        } catch {
          this.rejectedOnMerge++;
        }
      }
    }
  }

  /**
   * Brings back the file at `path` that a change deleted, with its text just
   * before the most recent deletion, as a new change of the server's own
   * (returned, to persist and relay like any accepted change). Null when the
   * file exists or the history never had it. Walks the history newest first,
   * so it costs one decode per change since the deletion: a facilitator's
   * command, not a hot path.
   */
  restoreFile(path: string): Uint8Array | null {
    this.merge();
    if (this.files()[path] !== undefined || !this.#doc.files) return null;
    const filesId = A.getObjectId(this.#doc.files);
    const changes = A.getAllChanges(this.#doc);
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = A.decodeChange(changes[i]!);
      const deletes = change.ops.some((op) => op.obj === filesId && op.key === path && op.action === 'del');
      if (!deletes) continue;
      const before = A.view(this.#doc, change.deps).files?.[path];
      if (typeof before !== 'string') continue;
      this.#doc = A.change(this.#doc, { message: `restore ${path}` }, (draft) => {
        draft.files[path] = before;
      });
      const restored = A.getLastLocalChange(this.#doc)!;
      this.#bytes += restored.byteLength;
      return restored;
    }
    return null;
  }

  // ------------------------------------------------------------ peers

  /** Starts (or restarts, after a reconnection or reset) the sync conversation with a peer. */
  resetPeer(peer: string): void {
    this.#peers.set(peer, A.initSyncState());
  }

  removePeer(peer: string): void {
    this.#peers.delete(peer);
  }

  /** The next sync message for `peer`, or null when it has everything we know it needs. */
  generateSync(peer: string): Uint8Array | null {
    const state = this.#peers.get(peer);
    if (!state) return null;
    this.merge();
    const [next, message] = A.generateSyncMessage(this.#doc, state);
    this.#peers.set(peer, next);
    return message;
  }

  /** Applies a peer's Automerge sync message. `canEdit: false` refuses any change we don't already have. */
  receiveSync(peer: string, message: Uint8Array, canEdit: boolean): ApplyResult {
    const state = this.#peers.get(peer);
    if (!state) return { ok: false, code: DojoErrorCode.malformedMessage, message: 'peer has not joined' };
    let decoded: A.DecodedSyncMessage;
    try {
      decoded = A.decodeSyncMessage(message);
    } catch (error) {
      return malformed(`not an Automerge sync message (${(error as Error).message})`);
    }
    this.merge();
    const carried = this.#unknown(decoded.changes, (entry) => syncEntryChanges(entry, this.#doc));
    if (carried === 'malformed') return malformed('a change in the sync message does not decode');
    if (carried.length > 0) {
      if (!canEdit) return forbidden();
      const problem = this.#shapeViolation(carried);
      if (problem) return invalidChange(problem);
      if (this.#bytes + message.byteLength > Limits.documentBytes) return tooLarge();
    }
    const before = A.getHeads(this.#doc);
    try {
      const [doc, next] = A.receiveSyncMessage(this.#doc, state, message);
      this.#doc = doc;
      this.#peers.set(peer, next);
    } catch (error) {
      return malformed(`sync message refused by Automerge (${(error as Error).message})`);
    }
    const now = A.getHeads(this.#doc);
    if (sameHeads(before, now)) return { ok: true, applied: this.#releaseParked() };
    const applied = A.getChangesSince(this.#doc, before);
    for (const change of applied) this.#bytes += change.byteLength;
    // The sync may have brought what parked fast-path changes were waiting for.
    return { ok: true, applied: [...applied, ...this.#releaseParked()] };
  }

  /**
   * Accepts raw changes (the fast path). Each must decode; non-editors may only
   * send changes we already have. Accepted changes are returned for relaying
   * and persisting at once and merged into the document lazily.
   */
  applyChanges(
    changes: readonly Uint8Array[],
    canEdit: boolean,
    from: { peer: string; at: number } = NOBODY,
  ): ApplyResult {
    const unknown = this.#unknown(changes, (entry) => {
      const change = decodeOneChange(entry);
      return change ? [change] : null;
    });
    if (unknown === 'malformed') return malformed('a change does not decode');
    if (unknown.length === 0) return { ok: true, applied: [] };
    if (!canEdit) return forbidden();
    const problem = this.#shapeViolation(unknown);
    if (problem) return invalidChange(problem);
    const size = unknown.reduce((sum, { change }) => sum + change.byteLength, 0);
    if (this.#bytes + size > Limits.documentBytes) return tooLarge();
    const applied: Uint8Array[] = [];
    for (const entry of unknown) {
      if (this.#missingDependencies(entry.fresh)) this.#parked.push({ ...entry, peer: from.peer, at: from.at });
      else applied.push(this.#accept(entry));
    }
    applied.push(...this.#releaseParked());
    if (this.#pending.length >= MERGE_THRESHOLD_CHANGES) this.merge();
    return { ok: true, applied };
  }

  /** Fast-path changes waiting for dependencies. */
  get parkedChanges(): number {
    return this.#parked.length;
  }

  /**
   * Drops the parked changes that arrived before `before` (epoch ms) with
   * their dependencies still unknown, and returns the peers that sent them
   * (the room refuses them with `missing_dependencies` and resets them).
   */
  expireParked(before: number): Set<string> {
    const peers = new Set<string>();
    this.#parked = this.#parked.filter((entry) => {
      if (entry.at >= before) return true;
      peers.add(entry.peer);
      return false;
    });
    return peers;
  }

  #accept(entry: { change: Uint8Array; fresh: A.DecodedChange[] }): Uint8Array {
    this.#pending.push(entry.change);
    for (const { hash } of entry.fresh) this.#pendingHashes.add(hash);
    this.#bytes += entry.change.byteLength;
    return entry.change;
  }

  /** True when a change depends on one the document has neither merged, pending, nor in the same entry. */
  #missingDependencies(fresh: readonly A.DecodedChange[]): boolean {
    const own = new Set(fresh.map(({ hash }) => hash));
    return fresh.some(({ deps }) =>
      deps.some((dep) => !own.has(dep) && !this.#pendingHashes.has(dep) && !A.hasHeads(this.#doc, [dep])),
    );
  }

  /** Accepts every parked change whose dependencies have arrived meanwhile (in dependency order). */
  #releaseParked(): Uint8Array[] {
    const released: Uint8Array[] = [];
    for (let progress = true; progress && this.#parked.length > 0; ) {
      progress = false;
      for (const entry of [...this.#parked]) {
        if (this.#missingDependencies(entry.fresh)) continue;
        this.#parked.splice(this.#parked.indexOf(entry), 1);
        released.push(this.#accept(entry));
        progress = true;
      }
    }
    return released;
  }

  /**
   * The entries carrying changes the document has neither merged nor pending,
   * with those changes decoded. `decode` reads an entry, or answers null when it does not decode.
   */
  #unknown(
    entries: readonly Uint8Array[],
    decode: (entry: Uint8Array) => A.DecodedChange[] | null,
  ): Array<{ change: Uint8Array; fresh: A.DecodedChange[] }> | 'malformed' {
    const unknown: Array<{ change: Uint8Array; fresh: A.DecodedChange[] }> = [];
    for (const change of entries) {
      const decoded = decode(change);
      if (!decoded) return 'malformed';
      const fresh = decoded.filter(({ hash }) => !this.#pendingHashes.has(hash) && !A.hasHeads(this.#doc, [hash]));
      if (fresh.length > 0) unknown.push({ change, fresh });
    }
    return unknown;
  }

  /** Why the fresh changes would break the document's shape, or null. Texts made by pending changes need a merge first. */
  #shapeViolation(unknown: ReadonlyArray<{ fresh: A.DecodedChange[] }>): string | null {
    const fresh = unknown.flatMap((entry) => entry.fresh);
    const problem = new DocumentShape(this.#doc, this.#known).violation(fresh);
    if (!problem || this.#pending.length === 0) return problem;
    this.merge();
    return new DocumentShape(this.#doc, this.#known).violation(fresh);
  }
}

interface Parked {
  change: Uint8Array;
  fresh: A.DecodedChange[];
  /** Who sent it (a session id), and when (epoch ms). */
  peer: string;
  at: number;
}

const NOBODY = { peer: '', at: 0 };

const sameHeads = (a: string[], b: string[]) => a.length === b.length && a.every((head, i) => head === b[i]);

const malformed = (message: string): ApplyResult => ({ ok: false, code: DojoErrorCode.malformedMessage, message });
const forbidden = (): ApplyResult => ({
  ok: false,
  code: DojoErrorCode.editForbidden,
  message: 'only the driver and the facilitator may edit now; your document has been reset',
});
const invalidChange = (message: string): ApplyResult => ({
  ok: false,
  code: DojoErrorCode.invalidChange,
  message: `${message}; nothing was applied and your document has been reset`,
});
const tooLarge = (): ApplyResult => ({
  ok: false,
  code: DojoErrorCode.documentTooLarge,
  message: `the document may not grow past ${Limits.documentBytes} bytes`,
});
