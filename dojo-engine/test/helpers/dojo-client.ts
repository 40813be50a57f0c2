import * as A from '@automerge/automerge';
import { Client, type Room } from '@colyseus/sdk';
import type { DojoDoc } from '@pocdojo/common/contracts/dojo-protocol/document';
import { decodeChanges, encodeChanges } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import type {
  Announcement,
  ChatMessage,
  ErrorMessage,
  PresenceBatch,
  RoomSnapshot,
  TestRun,
  TestRunList,
  Welcome,
} from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { VoiceEvent } from '@pocdojo/common/contracts/dojo-protocol/voice';

/**
 * A dojo client as an app would write it: an Automerge document kept in step
 * with the room through the `sync` protocol, or (relay) by sending and
 * receiving raw `changes`. Records everything the server tells it.
 */
export class TestDojoClient {
  readonly room: Room;
  readonly relay: boolean;
  doc = A.init<DojoDoc>();
  syncState = A.initSyncState();
  welcome: Welcome | undefined;
  errors: ErrorMessage[] = [];
  chat: ChatMessage[] = [];
  announcements: Announcement[] = [];
  presence: PresenceBatch[] = [];
  /** The latest `state` message (the plain-data room state native clients use). */
  snapshot: RoomSnapshot | undefined;
  resets = 0;
  /** Every `run` message, in order, and the latest `runs` list. */
  runUpdates: TestRun[] = [];
  runList: TestRun[] = [];
  /** Every `voice` message, in order. */
  voice: VoiceEvent[] = [];
  closeCode: number | undefined;

  private constructor(room: Room, relay: boolean) {
    this.room = room;
    this.relay = relay;
    room.onMessage('welcome', (welcome: Welcome) => {
      this.welcome = welcome;
      this.chat = [...welcome.chat];
      // The server restarts its sync state for us on every welcome; so do we.
      this.syncState = A.initSyncState();
    });
    room.onMessage('sync', (bytes: Uint8Array) => {
      [this.doc, this.syncState] = A.receiveSyncMessage(this.doc, this.syncState, bytes);
      this.sendSync();
    });
    room.onMessage('changes', (bytes: Uint8Array) => {
      [this.doc] = A.applyChanges(this.doc, decodeChanges(bytes));
    });
    room.onMessage('reset', (bytes: Uint8Array) => {
      this.resets++;
      this.doc = A.load<DojoDoc>(bytes);
      this.syncState = A.initSyncState();
      this.sendSync();
    });
    room.onMessage('error', (error: ErrorMessage) => this.errors.push(error));
    room.onMessage('chat', (message: ChatMessage) => this.chat.push(message));
    room.onMessage('announce', (announcement: Announcement) => this.announcements.push(announcement));
    room.onMessage('presence', (batch: PresenceBatch) => this.presence.push(batch));
    room.onMessage('state', (snapshot: RoomSnapshot) => {
      this.snapshot = snapshot;
    });
    room.onMessage('run', (run: TestRun) => this.runUpdates.push(run));
    room.onMessage('runs', (list: TestRunList) => {
      this.runList = list.runs;
    });
    room.onMessage('voice', (event: VoiceEvent) => this.voice.push(event));
    room.onLeave((code: number) => {
      this.closeCode = code;
    });
  }

  static async join(url: string, ticket: string, options: { relay?: boolean } = {}): Promise<TestDojoClient> {
    const client = new Client(url);
    const room = await client.joinOrCreate('dojo', { ticket, relay: options.relay ?? false });
    return new TestDojoClient(room, options.relay ?? false);
  }

  /** Sends our next sync message, if we have anything to say. */
  sendSync(): void {
    const [state, message] = A.generateSyncMessage(this.doc, this.syncState);
    this.syncState = state;
    if (message) this.room.sendBytes('sync', message);
  }

  /** A local edit, sent as `changes` (relay) or announced through the sync protocol. */
  edit(change: (doc: DojoDoc) => void): void {
    this.doc = A.change(this.doc, change);
    if (this.relay) {
      const last = A.getLastLocalChange(this.doc);
      if (last) this.room.sendBytes('changes', encodeChanges([last]));
    } else {
      this.sendSync();
    }
  }

  /** Inserts `text` at `index` of file `path`. */
  type(path: string, index: number, text: string): void {
    this.edit((doc) => {
      A.splice(doc, ['files', path], index, 0, text);
    });
  }

  text(path: string): string | undefined {
    return this.doc.files?.[path];
  }

  get state(): any {
    return this.room.state;
  }

  /**
   * Leaves the room. A room whose connection is gone (its engine was killed) never answers a leave, so that
   * promise never settled: the Kotlin end-to-end stack hung on its crash test's client when stopping, was
   * killed, and left its engine and databases behind. Such a room is left already: 1006, as its socket said.
   */
  leave(): Promise<number> {
    if (!this.room.connection.isOpen) return Promise.resolve(1006);
    return this.room.leave(true);
  }
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
