import { decodeChanges, FrameError } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import { ClientMessage, Limits, ServerMessage } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { type ApplyResult, DojoDocument } from '../document/dojo-document.ts';
import type { ChangeBatcher } from '../persistence/change-batcher.ts';
import { ChangeWriter } from '../persistence/change-writer.ts';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { ActorLedger } from '../replay/actor-ledger.ts';
import type { Clock } from '../time/clock.ts';
import { ChangeFanout, type FanoutRoom } from './change-fanout.ts';
import { CommandError } from './command-error.ts';
import type { Actor } from './facilitation.ts';
import type { MessageGuard } from './message-guard.ts';
import { binaryPayload } from './payloads.ts';
import type { DojoClient, Session } from './session.ts';
import type { SessionLog } from './session-log.ts';

/** What DocumentSync.open needs besides the room's own callbacks. */
export interface DocumentSyncOptions extends Omit<FanoutRoom, 'document'> {
  store: DojoStore;
  batcher: ChangeBatcher;
  tenantId: TenantId;
  dojoId: DojoId;
  /** The kata's starter files, for a dojo with no stored document yet. */
  files: Record<string, string>;
  /** Fencing token of the room's lease (its compactions are refused once another process took over). */
  lease: number | undefined;
  compactEvery: number;
  clock: Clock;
  logger: Logger;
  guard: MessageGuard;
  log: SessionLog;
  /** Each persisted change's delay from acceptance to the store (ms). */
  onPersisted: (lagsMs: number[]) => void;
  /** True when the session's user may change the document now (edit policy, driver seat). */
  canEdit: (session: Session) => boolean;
  /** Runs a store call, retrying through a database outage. */
  stored$: <T>(what: string, call: () => Promise<T>) => Promise<T>;
}

/**
 * The room's side of the document: Automerge sync rounds and relayed changes
 * from clients, checked against who may edit now; accepted changes are
 * persisted (with their replay timeline) and fanned out, refused ones answered
 * with an error and a reset to the authoritative document.
 */
export class DocumentSync {
  readonly #document: DojoDocument;
  readonly #writer: ChangeWriter;
  readonly #fanout: ChangeFanout;
  readonly #guard: MessageGuard;
  readonly #log: SessionLog;
  readonly #store: DojoStore;
  readonly #tenantId: TenantId;
  readonly #dojoId: DojoId;
  readonly #clock: Clock;
  readonly #canEdit: (session: Session) => boolean;
  readonly #actors = new ActorLedger();

  /**
   * Loads the dojo's document (or creates it from the starter files, saved
   * before anyone can edit it, so that every later change has its base in the
   * store) with the writer of its changes.
   */
  static async open(options: DocumentSyncOptions): Promise<DocumentSync> {
    const { store, tenantId, dojoId, stored$ } = options;
    const stored = await stored$('loadDocument', () => store.loadDocument(tenantId, dojoId));
    const document = stored
      ? DojoDocument.load(stored.snapshot, stored.changes)
      : DojoDocument.create(dojoId, options.files);
    if (!stored) {
      const starter = document.save();
      await stored$('compact', () => store.compact(tenantId, dojoId, starter, 0, options.lease));
    }
    const writer = new ChangeWriter({
      tenantId,
      dojoId,
      store,
      batcher: options.batcher,
      compactEvery: options.compactEvery,
      snapshot: () => document.save(),
      lastChangeId: stored?.lastChangeId ?? 0,
      fence: options.lease,
      uncompacted: stored?.changes.length ?? 0,
      logger: options.logger,
      onPersisted: options.onPersisted,
    });
    return new DocumentSync(options, document, writer, Boolean(stored));
  }

  /** The document was loaded from the store (rather than created from the starter files). */
  readonly loaded: boolean;

  private constructor(options: DocumentSyncOptions, document: DojoDocument, writer: ChangeWriter, loaded: boolean) {
    this.#document = document;
    this.#writer = writer;
    this.loaded = loaded;
    this.#fanout = new ChangeFanout({
      document,
      clients: options.clients,
      hasPending: options.hasPending,
      flushPending: options.flushPending,
      fannedOut: options.fannedOut,
    });
    this.#guard = options.guard;
    this.#log = options.log;
    this.#store = options.store;
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
    this.#clock = options.clock;
    this.#canEdit = options.canEdit;
  }

  /** The document's files now (a test run's snapshot). */
  files(): Record<string, string> {
    return this.#document.files();
  }

  get heads(): string[] {
    return this.#document.heads;
  }

  get byteSize(): number {
    return this.#document.byteSize;
  }

  /** Changes accepted but not yet persisted. */
  get backlog(): number {
    return this.#writer.backlog;
  }

  /** Forgets the sync state of a session that left. */
  removePeer(sessionId: string): void {
    this.#document.removePeer(sessionId);
  }

  /**
   * The room's periodic upkeep: refuses changes whose dependencies never came.
   * It does not merge the document: readers and the size threshold do, and a
   * merge costs about as much for one change as for hundreds.
   */
  tick(clients: readonly DojoClient[]): void {
    if (this.#document.parkedChanges > 0) this.#refuseStaleDependencies(clients);
  }

  /** Persists what is still pending (the room's final save). */
  close(): Promise<void> {
    return this.#writer.close();
  }

  /** A `sync` message: applies it and answers with the room's next sync message. */
  onSync(client: DojoClient, payload: unknown): void {
    const bytes = binaryPayload(payload);
    if (bytes.byteLength > Limits.syncBytes) {
      throw new CommandError(DojoErrorCode.messageTooLarge, `sync messages are limited to ${Limits.syncBytes} bytes`);
    }
    const result = this.#document.receiveSync(client.sessionId, bytes, this.#canEdit(client.userData!));
    if (!this.#settle(client, result, ClientMessage.sync)) return;
    const reply = this.#document.generateSync(client.sessionId);
    if (reply) client.sendBytes(ServerMessage.sync, reply);
  }

  /** A `changes` message of a relay client: raw changes, applied and fanned out as they are. */
  onChanges(client: DojoClient, payload: unknown): void {
    const bytes = binaryPayload(payload);
    if (bytes.byteLength > Limits.changesBytes) {
      throw new CommandError(DojoErrorCode.messageTooLarge, `changes are limited to ${Limits.changesBytes} bytes`);
    }
    let changes: Uint8Array[];
    try {
      changes = decodeChanges(bytes, Limits.changesPerMessage);
    } catch (error) {
      if (error instanceof FrameError) throw new CommandError(DojoErrorCode.malformedMessage, error.message);
      throw error;
    }
    const result = this.#document.applyChanges(changes, this.#canEdit(client.userData!), {
      peer: client.sessionId,
      at: this.#clock.now(),
    });
    this.#settle(client, result, ClientMessage.changes);
  }

  /** Starts a fresh sync conversation with `client` (a join or a reconnection). */
  start(client: DojoClient): void {
    this.#document.resetPeer(client.sessionId);
    const first = this.#document.generateSync(client.sessionId);
    if (first) client.sendBytes(ServerMessage.sync, first);
  }

  /** Brings back a deleted file from the document's history, for everyone. */
  restoreFile(path: string, by: Actor): void {
    const change = this.#document.restoreFile(path);
    if (!change) {
      throw new CommandError(DojoErrorCode.nothingToRestore, `no deleted file ${JSON.stringify(path)} to restore`);
    }
    this.#persist([change], null);
    this.#fanout.push('', [change]);
    this.#log.record('file_restored', by, { path });
  }

  /** Refuses (and resets) the senders of changes whose dependencies never arrived within the wait. */
  #refuseStaleDependencies(clients: readonly DojoClient[]): void {
    const peers = this.#document.expireParked(this.#clock.now() - Limits.dependencyWaitMs);
    for (const client of clients) {
      if (!peers.has(client.sessionId)) continue;
      this.#guard.refuse(
        client,
        DojoErrorCode.missingDependencies,
        `changes depending on changes the room never received were dropped after ${Limits.dependencyWaitMs / 1000} s; your document has been reset`,
        ClientMessage.changes,
      );
      this.#reset(client);
    }
  }

  /** Persists and fans out accepted changes; on refusal tells the client why and resets it. Returns ok. */
  #settle(client: DojoClient, result: ApplyResult, type: string): boolean {
    if (!result.ok) {
      this.#guard.refuse(client, result.code, result.message, type);
      if (result.code !== DojoErrorCode.malformedMessage) this.#reset(client);
      return false;
    }
    if (result.applied.length) {
      this.#persist(result.applied, client.userData ?? null);
      this.#fanout.push(client.sessionId, result.applied);
    }
    return true;
  }

  /**
   * Stores accepted changes with their replay timeline rows (accepted now, by
   * `from`'s session; null: the server's own), binding new actors to `from`'s user.
   */
  #persist(changes: readonly Uint8Array[], from: Session | null): void {
    const { meta, bindings } = this.#actors.admit(changes, from, this.#clock.now());
    this.#writer.enqueue(changes, meta);
    if (bindings.length) {
      this.#log.write('bindActors', () => this.#store.bindActors(this.#tenantId, this.#dojoId, bindings));
    }
  }

  /** Brings a client back to the authoritative document, dropping whatever it has that we refused. */
  #reset(client: DojoClient): void {
    this.#document.resetPeer(client.sessionId);
    client.sendBytes(ServerMessage.reset, this.#document.save());
  }
}
