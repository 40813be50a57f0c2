import { Client, type Room } from '@colyseus/sdk';
import {
  type Announcement,
  asBytes,
  type ChatMessage,
  ClientMessage,
  type Command,
  DOJO_ROOM_NAME,
  DojoCloseCode,
  type DriveRequested,
  decodeChanges,
  type ErrorMessage,
  encodeChanges,
  Limits,
  PROTOCOL_VERSION,
  type PresenceBatch,
  type PresenceEntry,
  type PresenceUpdate,
  type RoomSnapshot,
  ServerMessage,
  type TestRun,
  type TestRunList,
  VoiceAction,
  type VoiceEvent,
  type VoiceMember,
  type VoiceRequest,
  type Welcome,
} from '@pocdojo/common/contracts/dojo-protocol';
import type { DojoDoc } from '@pocdojo/common/contracts/dojo-protocol/document';
import { runFilePathSchema } from '@pocdojo/common/contracts/kata-runs';
import { A, automergeReady } from './automerge.ts';
import { PresencePacer } from './presencePacer.ts';
import type { RoomNotice } from './RoomNotice.ts';
import { spliceFile } from './spliceFile.ts';
import { type FileUpdate, fileUpdatesFromPatches, type TextEdit } from './textEdits.ts';

/** Why a path cannot name a new file: empty, too long, not a plain relative path, or taken. */
export type FilePathProblem = 'empty' | 'too_long' | 'invalid' | 'exists';

/** Where the connection stands; shown to the user as it is. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'left' | 'removed' | 'failed';

/** Everything the room page renders, as one immutable snapshot per change. */
export interface DojoSnapshot {
  status: ConnectionStatus;
  /** The last refusal or failure (shown in the member's language). */
  notice: RoomNotice | null;
  welcome: Welcome | null;
  files: string[];
  room: RoomSnapshot | null;
  /** Other sessions' presence (not ours). */
  presence: PresenceEntry[];
  chat: ChatMessage[];
  announcements: Announcement[];
  /** The room's test runs, oldest first, each at its latest status. */
  runs: TestRun[];
  /** Open requests to drive, made to the current driver (a change of driver answers them). */
  driveRequests: DriveRequested[];
  /** Who is in the dojo's voice channel (everyone sees it, in voice or not). */
  voice: VoiceMember[];
  /** serverTime − local time, from the last welcome: corrects the timer display for clock skew. */
  clockOffsetMs: number;
}

export interface JoinTicket {
  ticket: string;
  engineUrl: string;
}

type FileListener = (update: FileUpdate) => void;

/** What voice listeners hear: the room's voice events, and the room refusing one of our voice requests. */
export type VoiceNotice = VoiceEvent | { action: 'refused'; error: ErrorMessage };

const MAX_ANNOUNCEMENTS = 20;

/**
 * One browser's membership of a dojo room: the Colyseus connection, the local
 * Automerge replica of the document, presence, chat and the room state.
 *
 * Document sync: the client joins in relay mode. Local edits go out at once
 * as `changes` (the keystroke fast path); other clients' changes arrive the
 * same way. After every (re)connection the server greets with a sync message
 * and both sides run Automerge's sync protocol to a fixpoint, which is what
 * carries edits made while offline. A `reset` replaces the replica with the
 * server's document (our change was refused).
 */
export class DojoSession {
  #doc: A.Doc<DojoDoc> | null = null;
  /** Our sync state with the server; null until the first exchange (and after each reconnection). */
  #syncState: A.SyncState | null = null;
  #room: Room | null = null;
  #client: Client | null = null;
  #getTicket: () => Promise<JoinTicket>;
  #fileListeners = new Map<string, Set<FileListener>>();
  #listeners = new Set<() => void>();
  #snapshot: DojoSnapshot = {
    status: 'connecting',
    notice: null,
    welcome: null,
    files: [],
    room: null,
    presence: [],
    chat: [],
    announcements: [],
    runs: [],
    driveRequests: [],
    voice: [],
    clockOffsetMs: 0,
  };
  #voiceListeners = new Set<(event: VoiceNotice) => void>();
  #closed = false;
  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  /** Our cursor, paced to what the server forwards; sent only while the room is open. */
  readonly #presence = new PresencePacer((update) => {
    if (!this.#isOpen()) return false;
    this.#room!.send(ClientMessage.presence, update);
    return true;
  }, Limits.presenceIntervalMs);

  constructor(getTicket: () => Promise<JoinTicket>) {
    this.#getTicket = getTicket;
  }

  // ------------------------------------------------------------ observation (React)

  getSnapshot = (): DojoSnapshot => this.#snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Text updates of one file caused by others (never by our own `edit`). */
  onFile(path: string, listener: FileListener): () => void {
    const set = this.#fileListeners.get(path) ?? new Set();
    set.add(listener);
    this.#fileListeners.set(path, set);
    return () => set.delete(listener);
  }

  text(path: string): string {
    return this.#doc?.files?.[path] ?? '';
  }

  get joined(): boolean {
    return this.#doc !== null;
  }

  #update(patch: Partial<DojoSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }

  // ------------------------------------------------------------ lifecycle

  async join(): Promise<void> {
    await automergeReady();
    this.#doc ??= A.init<DojoDoc>();
    await this.#connect();
  }

  async #connect(): Promise<void> {
    this.#update({ status: this.#room ? 'reconnecting' : 'connecting' });
    const { ticket, engineUrl } = await this.#getTicket();
    this.#client = new Client(engineUrl);
    const room = await this.#client.joinOrCreate(DOJO_ROOM_NAME, {
      ticket,
      protocolVersion: PROTOCOL_VERSION,
      relay: true,
    });
    if (this.#closed) {
      void room.leave(true);
      return;
    }
    // Reconnect even right after joining (the default waits 5 s of uptime), but only
    // briefly: a room whose process died never answers its old address, so after
    // three quick attempts we get a new ticket and matchmake again (docs/protocol.md §9),
    // which also covers a longer network outage. The replica keeps every edit meanwhile.
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = 3;
    room.reconnection.maxDelay = 1000;
    this.#attach(room);
  }

  #attach(room: Room): void {
    this.#room = room;
    this.#syncState = null;
    room.onMessage(ServerMessage.welcome, (welcome: Welcome) => this.#onWelcome(welcome));
    room.onMessage(ServerMessage.sync, (payload: unknown) => this.#onSync(payload));
    room.onMessage(ServerMessage.changes, (payload: unknown) => this.#onChanges(payload));
    room.onMessage(ServerMessage.reset, (payload: unknown) => this.#onReset(payload));
    room.onMessage(ServerMessage.presence, (batch: PresenceBatch) => this.#onPresence(batch));
    room.onMessage(ServerMessage.chat, (message: ChatMessage) =>
      this.#update({ chat: [...this.#snapshot.chat, message].slice(-200) }),
    );
    room.onMessage(ServerMessage.announce, (announcement: Announcement) =>
      this.#update({ announcements: [...this.#snapshot.announcements, announcement].slice(-MAX_ANNOUNCEMENTS) }),
    );
    room.onMessage(ServerMessage.runs, (list: TestRunList) => this.#update({ runs: list.runs }));
    room.onMessage(ServerMessage.run, (run: TestRun) => this.#onRun(run));
    room.onMessage(ServerMessage.voice, (event: VoiceEvent) => {
      if (event.action === VoiceAction.roster) this.#update({ voice: event.members });
      for (const listener of this.#voiceListeners) listener(event);
    });
    room.onMessage(ServerMessage.error, (error: ErrorMessage) => {
      this.#update({ notice: { kind: 'refused', code: error.code, message: error.message } });
      if (error.ref === ClientMessage.voice) {
        for (const listener of this.#voiceListeners) listener({ action: 'refused', error });
      }
    });
    // The plain-data snapshot (protocol `state`) rather than schema patches: typed, and what native clients use too.
    room.onMessage(ServerMessage.state, (room: RoomSnapshot) =>
      this.#update({
        room,
        // A new driver answers every request made to the previous one.
        driveRequests: room.driverUserId === this.#snapshot.room?.driverUserId ? this.#snapshot.driveRequests : [],
      }),
    );
    room.onMessage(ServerMessage.driveRequested, (request: DriveRequested) =>
      this.#update({
        driveRequests: [...this.#snapshot.driveRequests.filter((r) => r.userId !== request.userId), request],
      }),
    );
    room.onDrop(() => this.#update({ status: navigator.onLine ? 'reconnecting' : 'offline' }));
    room.onReconnect(() => {
      // The server greets again (welcome + sync); our sync state restarts with it.
      this.#syncState = null;
    });
    room.onLeave((code: number) => this.#onLeave(code));
    room.onError((code: number, message?: string) =>
      this.#update({ notice: { kind: 'failure', message: `${code}${message ? `: ${message}` : ''}` } }),
    );
  }

  #onLeave(code: number): void {
    this.#room = null;
    if (this.#closed || code === DojoCloseCode.consented) {
      this.#update({ status: 'left' });
      return;
    }
    if (code === DojoCloseCode.removed) {
      this.#update({ status: 'removed', notice: { kind: 'removed' } });
      return;
    }
    // Reconnection gave up (or the room was gone): join again with a fresh ticket.
    // Our replica keeps every edit, and the sync protocol merges it on arrival.
    this.#update({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    this.#scheduleRejoin(1000);
  }

  #scheduleRejoin(delay: number): void {
    clearTimeout(this.#rejoinTimer);
    this.#rejoinTimer = setTimeout(() => {
      if (this.#closed) return;
      this.#connect().catch((error: unknown) => {
        this.#update({ notice: { kind: 'failure', message: error instanceof Error ? error.message : String(error) } });
        this.#scheduleRejoin(Math.min(delay * 2, 10_000));
      });
    }, delay);
  }

  /** Leaves the room for good. */
  close(): void {
    this.#closed = true;
    this.#presence.dispose();
    clearTimeout(this.#rejoinTimer);
    void this.#room?.leave(true);
    this.#room = null;
  }

  // ------------------------------------------------------------ document

  #onWelcome(welcome: Welcome): void {
    this.#syncState = null;
    // The welcome carries the latest chat: it replaces ours (no duplicates after a reconnection).
    this.#update({
      welcome,
      status: 'connected',
      notice: null,
      chat: welcome.chat,
      clockOffsetMs: welcome.serverTime - Date.now(),
    });
    this.#sendSync();
    this.#presence.rejoined();
  }

  #onSync(payload: unknown): void {
    const bytes = asBytes(payload);
    if (!bytes || !this.#doc) return;
    this.#applyRemote((doc) => {
      const [next, state] = A.receiveSyncMessage(doc, this.#syncState ?? A.initSyncState(), bytes.slice());
      this.#syncState = state;
      return next;
    });
    this.#sendSync();
  }

  #onChanges(payload: unknown): void {
    const bytes = asBytes(payload);
    if (!bytes || !this.#doc) return;
    const changes = decodeChanges(bytes).map((change) => change.slice());
    this.#applyRemote((doc) => A.applyChanges(doc, changes)[0]);
  }

  #onReset(payload: unknown): void {
    const bytes = asBytes(payload);
    if (!bytes) return;
    const before = this.#doc;
    this.#doc = A.load<DojoDoc>(bytes.slice());
    this.#syncState = null;
    const paths = new Set([...Object.keys(before?.files ?? {}), ...Object.keys(this.#doc.files ?? {})]);
    for (const path of paths) this.#emitFile(path, { kind: 'replace', text: this.text(path) });
    this.#update({ files: this.#paths() });
  }

  /** Applies remote bytes and tells each open file exactly what changed. */
  #applyRemote(apply: (doc: A.Doc<DojoDoc>) => A.Doc<DojoDoc>): void {
    const doc = this.#doc!;
    const before = A.getHeads(doc);
    const next = apply(doc);
    this.#doc = next;
    const after = A.getHeads(next);
    if (before.length === after.length && before.every((h, i) => h === after[i])) return;
    const updates = fileUpdatesFromPatches(A.diff(next, before, after), (path) => this.text(path));
    for (const [path, update] of updates) this.#emitFile(path, update);
    const files = this.#paths();
    if (files.join('\n') !== this.#snapshot.files.join('\n')) this.#update({ files });
  }

  #emitFile(path: string, update: FileUpdate): void {
    for (const listener of this.#fileListeners.get(path) ?? []) listener(update);
  }

  #paths(): string[] {
    return Object.keys(this.#doc?.files ?? {}).sort();
  }

  #sendSync(): void {
    if (!this.#doc || !this.#isOpen()) return;
    const [state, message] = A.generateSyncMessage(this.#doc, this.#syncState ?? A.initSyncState());
    this.#syncState = state;
    if (message) this.#room!.sendBytes(ClientMessage.sync, message);
  }

  #isOpen(): boolean {
    const room = this.#room;
    return (
      !!room && room.connection.isOpen && !room.reconnection.isReconnecting && this.#snapshot.status === 'connected'
    );
  }

  /**
   * Applies local edits of `path` (offsets in the text before the edits) and
   * sends them at once. Offline, they stay in the replica until the next sync.
   */
  edit(path: string, edits: TextEdit[]): void {
    // `files` comes from the room (docs/protocol.md §10a): no edits before the first document.
    if (!this.#doc?.files || edits.length === 0) return;
    // Apply from the end so earlier offsets stay valid.
    const ordered = [...edits].sort((a, b) => b.from - a.from);
    this.#doc = A.change(this.#doc, (draft) => {
      if (draft.files[path] === undefined) draft.files[path] = '';
      for (const e of ordered) spliceFile(draft, path, e.from, e.to - e.from, e.insert);
    });
    const change = A.getLastLocalChange(this.#doc);
    if (change && this.#isOpen()) this.#room!.sendBytes(ClientMessage.changes, encodeChanges([change]));
  }

  /**
   * Why `path` cannot name a new file, or null: the document's path rules (docs/protocol.md §10a) and
   * the test runner's (a relative path without "." or ".." segments), and no clash with an existing file.
   */
  filePathProblem(path: string): FilePathProblem | null {
    const parsed = runFilePathSchema.safeParse(path);
    if (!parsed.success) {
      const code = parsed.error.issues[0]?.code;
      return code === 'too_small' ? 'empty' : code === 'too_big' ? 'too_long' : 'invalid';
    }
    if (this.#doc?.files?.[path] !== undefined) return 'exists';
    return null;
  }

  /** Adds an empty file, renames (`to` set) or deletes (`to` null) one; false when nothing changed. */
  changeFile(path: string, to: string | null | undefined): boolean {
    if (!this.#doc?.files) return false;
    const exists = this.#doc.files[path] !== undefined;
    if (to === undefined ? exists : !exists) return false;
    this.#doc = A.change(this.#doc, (draft) => {
      if (to === undefined) draft.files[path] = '';
      else {
        if (to !== null) draft.files[to] = draft.files[path] ?? '';
        delete draft.files[path];
      }
    });
    const change = A.getLastLocalChange(this.#doc);
    if (change && this.#isOpen()) this.#room!.sendBytes(ClientMessage.changes, encodeChanges([change]));
    this.#update({ files: this.#paths() });
    return true;
  }

  // ------------------------------------------------------------ presence, chat, commands

  #onPresence(batch: PresenceBatch): void {
    const own = this.#snapshot.welcome?.sessionId ?? this.#room?.sessionId;
    const bySession = new Map(this.#snapshot.presence.map((p) => [p.sessionId, p]));
    for (const entry of batch.updates) if (entry.sessionId !== own) bySession.set(entry.sessionId, entry);
    for (const gone of batch.removed) bySession.delete(gone);
    this.#update({ presence: [...bySession.values()] });
  }

  sendPresence(update: PresenceUpdate): void {
    this.#presence.push(update);
  }

  sendChat(text: string): boolean {
    if (!this.#isOpen()) return false;
    this.#room!.send(ClientMessage.chat, { text });
    return true;
  }

  #onRun(run: TestRun): void {
    const runs = this.#snapshot.runs.filter((known) => known.runId !== run.runId);
    runs.push(run);
    runs.sort((a, b) => a.requestedAt - b.requestedAt);
    this.#update({ runs: runs.slice(-Limits.runHistory) });
  }

  /** Asks the room to run the kata's tests on the document as it is now. */
  runTests(): void {
    if (this.#isOpen()) this.#room!.send(ClientMessage.run, {});
    else this.#update({ notice: { kind: 'not_connected' } });
  }

  /** Asks for the keyboard (a navigator); the driver or a facilitator may accept. */
  requestDrive(): void {
    if (this.#isOpen()) this.#room!.send(ClientMessage.driveRequest, {});
    else this.#update({ notice: { kind: 'not_connected' } });
  }

  /** Hands the keyboard to `userId`, who asked for it (the driver or a facilitator). */
  acceptDrive(userId: string): void {
    this.#update({ driveRequests: this.#snapshot.driveRequests.filter((r) => r.userId !== userId) });
    if (this.#isOpen()) this.#room!.send(ClientMessage.driveAccept, { userId });
    else this.#update({ notice: { kind: 'not_connected' } });
  }

  /** Voice signalling and roster events from the room (VoiceChat listens). */
  onVoice(listener: (event: VoiceNotice) => void): () => void {
    this.#voiceListeners.add(listener);
    return () => this.#voiceListeners.delete(listener);
  }

  /** Sends a voice request; false while disconnected. */
  sendVoice(request: VoiceRequest): boolean {
    if (!this.#isOpen()) return false;
    this.#room!.send(ClientMessage.voice, request);
    return true;
  }

  command(command: Command): void {
    if (this.#isOpen()) this.#room!.send(ClientMessage.command, command);
    else this.#update({ notice: { kind: 'not_connected' } });
  }
}
