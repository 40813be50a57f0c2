import { decodeChanges, FrameError } from '@pocdojo/common/dojo-protocol/encoding';
import { DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import { ClientMessage, Limits, ServerMessage } from '@pocdojo/common/dojo-protocol/messages';
import type { DojoId, TenantId } from '@pocdojo/common/ids';
import type { ApplyResult, DojoDocument } from '../document/dojo-document.ts';
import type { ChangeWriter } from '../persistence/change-writer.ts';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { ActorLedger } from '../replay/actor-ledger.ts';
import type { Clock } from '../time/clock.ts';
import type { ChangeFanout } from './change-fanout.ts';
import { CommandError } from './command-error.ts';
import type { Actor } from './facilitation.ts';
import type { MessageGuard } from './message-guard.ts';
import { binaryPayload } from './payloads.ts';
import type { DojoClient, Session } from './session.ts';
import type { SessionLog } from './session-log.ts';

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

  constructor(options: {
    document: DojoDocument;
    writer: ChangeWriter;
    fanout: ChangeFanout;
    guard: MessageGuard;
    log: SessionLog;
    store: DojoStore;
    tenantId: TenantId;
    dojoId: DojoId;
    clock: Clock;
    /** True when the session's user may change the document now (edit policy, driver seat). */
    canEdit: (session: Session) => boolean;
  }) {
    this.#document = options.document;
    this.#writer = options.writer;
    this.#fanout = options.fanout;
    this.#guard = options.guard;
    this.#log = options.log;
    this.#store = options.store;
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
    this.#clock = options.clock;
    this.#canEdit = options.canEdit;
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
  refuseStaleDependencies(clients: readonly DojoClient[]): void {
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
