import * as A from '@automerge/automerge';
import { Client, type Room } from '@colyseus/sdk';
import { decodeChanges, encodeChanges } from '@pocdojo/common/dojo-protocol/encoding';
import { ClientMessage, ServerMessage } from '@pocdojo/common/dojo-protocol/messages';

type Doc = { files: Record<string, string> };

/**
 * One load client of a dojo room, written as an app would: it catches up with
 * the Automerge sync protocol, then (joined with `relay: true`) sends each
 * keystroke as one Automerge change made when it is typed, and applies every
 * change others send to its own document. Hocuspocus's clients in the
 * benchmark do the same with Yjs, so both servers face full clients and the
 * load generator pays the same kind of client work for both.
 *
 * `applyChanges: false` makes a light peer that only counts what it receives,
 * for the engine-only capacity mode (`--light-clients`): Automerge's change()
 * and applyChanges() cost the load generator a millisecond or more each, which
 * hundreds of simulated clients in one process on this machine cannot afford
 * (real clients pay it on their own devices).
 */
export class DojoLoadClient {
  readonly room: Room;
  doc = A.init<Doc>();
  #syncState = A.initSyncState();
  /** Called with the number of changes each `changes` message carried. */
  onChanges: (count: number) => void = () => {};
  onServerError: () => void = () => {};
  onDrop: () => void = () => {};
  #closing = false;
  readonly #apply: boolean;

  private constructor(room: Room, applyChanges: boolean) {
    this.room = room;
    this.#apply = applyChanges;
    room.reconnection.enabled = false;
    room.onMessage(ServerMessage.welcome, () => {
      this.#syncState = A.initSyncState();
    });
    room.onMessage(ServerMessage.sync, (bytes: Uint8Array) => {
      [this.doc, this.#syncState] = A.receiveSyncMessage(this.doc, this.#syncState, bytes);
      this.#sendSync();
    });
    room.onMessage(ServerMessage.changes, (bytes: Uint8Array) => {
      const changes = decodeChanges(bytes);
      if (this.#apply) [this.doc] = A.applyChanges(this.doc, changes);
      this.onChanges(changes.length);
    });
    room.onMessage(ServerMessage.reset, (bytes: Uint8Array) => {
      this.doc = A.load<Doc>(bytes);
      this.#syncState = A.initSyncState();
      this.#sendSync();
    });
    room.onMessage(ServerMessage.error, () => this.onServerError());
    for (const ignored of [
      ServerMessage.presence,
      ServerMessage.announce,
      ServerMessage.chat,
      ServerMessage.runs,
      ServerMessage.voice,
      'state',
    ]) {
      room.onMessage(ignored, () => {});
    }
    room.onLeave(() => {
      if (!this.#closing) this.onDrop();
    });
  }

  /** Joins through `engineUrl` with `ticket`; resolves once the document holds `path`. */
  static async join(
    engineUrl: string,
    ticket: string,
    path: string,
    options: { applyChanges?: boolean; timeoutMs?: number } = {},
  ): Promise<DojoLoadClient> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const room = await new Client(engineUrl).joinOrCreate('dojo', { ticket, relay: true });
    const client = new DojoLoadClient(room, options.applyChanges ?? true);
    const deadline = Date.now() + timeoutMs;
    while (client.doc.files?.[path] === undefined) {
      if (Date.now() > deadline) throw new Error(`no document after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return client;
  }

  #sendSync(): void {
    const [state, message] = A.generateSyncMessage(this.doc, this.#syncState);
    this.#syncState = state;
    if (message) this.room.sendBytes(ClientMessage.sync, message);
  }

  /** Types `character` at the end of `path` now: one Automerge change on this client's document, sent as `changes`. */
  typeAtEnd(path: string, character: string): void {
    this.doc = A.change(this.doc, (doc) => {
      A.splice(doc, ['files', path], doc.files[path]!.length, 0, character);
    });
    this.room.sendBytes(ClientMessage.changes, encodeChanges([A.getLastLocalChange(this.doc)!]));
  }

  /**
   * Light mode: makes `count` one-character appends to `path` ahead of time,
   * each a framed `changes` payload depending on the previous one, on a copy
   * of the document (as k6/dojo.js replays prepare-k6's chains).
   */
  prepareAppends(path: string, count: number): Uint8Array[] {
    let draft = A.clone(this.doc);
    const frames: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      draft = A.change(draft, (doc) => {
        A.splice(doc, ['files', path], doc.files[path]!.length, 0, String.fromCharCode(97 + (i % 26)));
      });
      frames.push(encodeChanges([A.getLastLocalChange(draft)!]));
    }
    return frames;
  }

  /** Sends a payload made by prepareAppends. */
  sendPrepared(frame: Uint8Array): void {
    this.room.sendBytes(ClientMessage.changes, frame);
  }

  /** Moves this client's cursor (a bare caret) in `path`. */
  moveCursor(path: string, offset: number): void {
    this.room.send(ClientMessage.presence, { file: path, anchor: offset, head: offset, typing: false });
  }

  /**
   * Leaves the room; after 10 s without the server's answer (a starved machine) the socket is simply
   * closed: an A/B at 300 rooms hung for minutes on leaves that never completed.
   */
  async close(): Promise<void> {
    this.#closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 10_000);
    });
    const outcome = await Promise.race([this.room.leave(true).catch(() => 'left' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.room.connection.close();
  }
}
