import { matchMaker, Room, ServerError } from '@colyseus/core';
import { DojoCloseCode, DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import {
  type Announcement,
  ClientMessage,
  chatSendSchema,
  driveAcceptSchema,
  driveRequestSchema,
  Limits,
  PROTOCOL_VERSION,
  presenceUpdateSchema,
  runTestsSchema,
  ServerMessage,
  type Welcome,
} from '@pocdojo/common/dojo-protocol/messages';
import { VoiceAction, voiceRequestSchema } from '@pocdojo/common/dojo-protocol/voice';
import type { DojoId, TenantId } from '@pocdojo/common/ids';
import { runResultSchema } from '@pocdojo/common/kata-runs';
import type { Logger } from '@pocdojo/common/logger';
import { traced } from '@pocdojo/common/spans';
import type { DojoTicketClaims } from '@pocdojo/common/tokens';
import { DojoDocument } from '../document/dojo-document.ts';
import type { RoomGauge } from '../metrics.ts';
import { ChangeWriter } from '../persistence/change-writer.ts';
import { retryStore } from '../persistence/store-retry.ts';
import { recentRuns } from '../runs/recent-runs.ts';
import { TestRunCoordinator } from '../runs/test-run-coordinator.ts';
import type { VoiceChannel } from '../voice/voice-channel.ts';
import { type AdmittedOptions, refusal } from './admission.ts';
import { ChangeFanout } from './change-fanout.ts';
import { ChatLog } from './chat-log.ts';
import { colorFor } from './colors.ts';
import { pendingSeatCount } from './colyseus-internals.ts';
import { corkedSends } from './corked-sends.ts';
import { DocumentSync } from './document-sync.ts';
import { DriveRequests } from './drive-requests.ts';
import { Facilitation, facilitationSnapshotSchema } from './facilitation.ts';
import { MessageGuard } from './message-guard.ts';
import { parsePayload } from './payloads.ts';
import { PresenceHub } from './presence-hub.ts';
import { PresencePacing } from './presence-pacing.ts';
import { ReconnectionWindows } from './reconnection-windows.ts';
import { Removals } from './removals.ts';
import type { RoomDeps } from './room-options.ts';
import { RoomSeats } from './room-seats.ts';
import { copySettings, initialState, type RoomSettings } from './room-settings.ts';
import { createRoomVoice } from './room-voice.ts';
import type { DojoClient, Session } from './session.ts';
import { SessionLog } from './session-log.ts';
import { type DojoStateSchema, ParticipantSchema, toSnapshot } from './state.ts';

/**
 * Merge the document's pending fast-path changes every this many ticks (≈ 10 s)
 * even when nobody reads it. Merging is ~15 % of the server's CPU at 1/s (profiled
 * at 50 rooms × 5 clients); readers and the size threshold merge on demand anyway.
 */
const MERGE_EVERY_TICKS = Math.round(10_000 / Limits.presenceIntervalMs);

type Stored = <T>(what: string, call: () => Promise<T>) => Promise<T>;

/**
 * The Colyseus room of one dojo (room id = dojo id): its lifecycle (lease,
 * load, join, drop, leave, final save) and the routing of socket messages to
 * the pieces that hold the room's logic — DocumentSync (Automerge sync and
 * relayed changes, fanned out by ChangeFanout), Facilitation (timer, seats,
 * commands), PresenceHub, ChatLog, DriveRequests, the voice channel and test
 * runs. The room's own writes go through its SessionLog, changes through the
 * ChangeWriter, both to the DojoStore port.
 */
export class DojoRoom extends Room<{ state: DojoStateSchema; client: DojoClient }> {
  readonly #deps: RoomDeps;
  #log!: Logger;
  #tenantId!: TenantId;
  #document!: DojoDocument;
  #writer!: ChangeWriter;
  #sessionLog!: SessionLog;
  #sync!: DocumentSync;
  #guard!: MessageGuard;
  #facilitation!: Facilitation;
  #presence = new PresenceHub();
  #pacing!: PresencePacing;
  #chat!: ChatLog;
  #driveRequests!: DriveRequests;
  #voice!: VoiceChannel;
  #seats!: RoomSeats;
  #testRuns!: TestRunCoordinator;
  #userColors = new Map<string, string>();
  #removals!: Removals;
  #reconnecting = new ReconnectionWindows();
  /** Version of the dojo settings the room runs with (platform-api's `dojo.version`). */
  #settingsVersion = 0;
  #ticks = 0;
  /** The roster or timer changed since the last `state` broadcast. */
  #stateDirty = false;
  /** Timer, driver or rotation order changed since they were last saved. */
  #facilitationDirty = false;
  #emptyTimer: NodeJS.Timeout | undefined;
  #gauge!: RoomGauge;
  /** Fencing token of this room's lease on its dojo. */
  #lease: number | undefined;
  /** Created while another process runs the dojo's room: never opened, discarded by Colyseus. */
  #standIn = false;

  constructor(deps: RoomDeps) {
    super();
    this.#deps = deps;
  }

  override async onCreate(options: AdmittedOptions): Promise<void> {
    const { dojoId, admitted } = options;
    if (!dojoId || !admitted) throw new Error('room created without an admitted ticket');
    const { store, logger } = this.#deps;
    this.roomId = dojoId;
    this.autoDispose = false;
    // Floods are limited by the MessageGuard, over wall time rather than Colyseus's per second of processing.
    this.maxMessagesPerSecond = Number.POSITIVE_INFINITY;
    this.#log = logger.child({ roomId: dojoId, tenantId: admitted.tid });

    // Postgres restarting while a room is created delays the join instead of refusing it.
    const stored$: Stored = (what, call) => retryStore(what, call, this.#log);
    const owner = await stored$('registerDojo', () => store.registerDojo(dojoId, admitted.tid));
    if (owner !== admitted.tid) throw new Error('dojo belongs to another tenant');
    this.#tenantId = owner;
    // One room per dojo across processes: only the holder of the dojo's lease opens it.
    const claim = await stored$('claimDojo', () =>
      this.#deps.leases.claim(
        dojoId,
        () => this.#leaseLost(),
        async () => Boolean(await matchMaker.driver.findOne({ roomId: dojoId })),
      ),
    );
    if (!('lease' in claim)) {
      // Another process's room is listed: this one stays an empty stand-in, which Colyseus
      // discards when it finds the id taken (recordRoom), sending the client to the owner.
      this.#standIn = true;
      this.autoDispose = true;
      return;
    }
    const lease = claim.lease;
    this.#lease = lease;
    try {
      await this.#open(dojoId, admitted, stored$);
    } catch (error) {
      await this.#deps.leases.release(dojoId, lease).catch(() => {});
      throw error;
    }
  }

  async #open(dojoId: DojoId, admitted: AdmittedOptions['admitted'], stored$: Stored): Promise<void> {
    const { store, clock, metrics, options } = this.#deps;
    this.#pacing = new PresencePacing({ holdTicks: options.presenceHoldTicks });
    const owner = this.#tenantId;
    const logger = this.#log;

    this.state = initialState(dojoId, admitted.dojo);
    this.#settingsVersion = admitted.dojo.version;
    const stored = await stored$('loadDocument', () => store.loadDocument(owner, dojoId));
    const document = stored
      ? DojoDocument.load(stored.snapshot, stored.changes)
      : DojoDocument.create(dojoId, admitted.dojo.files);
    this.#document = document;
    // The starter document is saved before anyone can edit it, so every later change has its base in the store.
    if (!stored) {
      const starter = document.save();
      await stored$('compact', () => store.compact(owner, dojoId, starter, 0, this.#lease));
    }
    this.#writer = new ChangeWriter({
      tenantId: owner,
      dojoId,
      store,
      batcher: this.#deps.batcher,
      compactEvery: options.compactEvery,
      snapshot: () => document.save(),
      lastChangeId: stored?.lastChangeId ?? 0,
      fence: this.#lease,
      uncompacted: stored?.changes.length ?? 0,
      logger,
      onPersisted: (lags) => {
        for (const lag of lags) metrics.persistLag.observe(lag / 1000);
      },
    });
    const sessionLog = new SessionLog({ tenantId: owner, dojoId, store, clock, logger });
    this.#sessionLog = sessionLog;
    this.#removals = new Removals({
      removed: await stored$('removedParticipants', () => store.removedParticipants(owner, dojoId)),
      log: sessionLog,
      store,
      tenantId: owner,
      dojoId,
    });
    const chat = await stored$('recentChat', () => store.recentChat(owner, dojoId, Limits.chatHistory));
    this.#chat = new ChatLog({ stored: chat, clock, log: sessionLog });
    this.#driveRequests = new DriveRequests(clock);
    this.#voice = createRoomVoice({
      clock,
      iceServers: this.#deps.iceServers,
      seated: (sessionId) => (this.state.participants.has(sessionId) ? this.clients.getById(sessionId) : undefined),
      broadcast: (event) => this.broadcast(ServerMessage.voice, event),
    });
    this.#facilitation = new Facilitation(this.state, clock, {
      announce: (announcement) => this.#announce(announcement),
      history: (kind, actor, data) => sessionLog.record(kind, actor, data),
      changed: () => {
        this.#stateDirty = true;
        this.#facilitationDirty = true;
      },
    });
    const saved = facilitationSnapshotSchema.safeParse(
      await stored$('loadRoomState', () => store.loadRoomState(owner, dojoId)),
    );
    if (saved.success) this.#facilitation.restore(saved.data);
    this.#guard = new MessageGuard({
      metrics,
      logger,
      roomId: dojoId,
      maxMessagesPerSecond: options.maxMessagesPerSecond,
    });
    this.#sync = new DocumentSync({
      document,
      writer: this.#writer,
      fanout: new ChangeFanout({
        document,
        clients: () => this.clients,
        hasPending: () => this.#presence.pending || this.#stateDirty,
        flushPending: () => this.#flushPresenceAndState(),
        fannedOut: () => this.#pacing.fannedOut(),
      }),
      guard: this.#guard,
      log: sessionLog,
      store,
      tenantId: owner,
      dojoId,
      clock,
      canEdit: (session) => this.#facilitation.canEdit(session.userId, session.role),
    });
    this.#testRuns = new TestRunCoordinator(
      {
        tenantId: owner,
        dojoId,
        language: () => this.state.language,
        snapshot: () => ({ files: document.files(), heads: document.heads }),
        broadcast: (run) => this.broadcast(ServerMessage.run, run),
        record: (actor, run) => sessionLog.record('test_run', actor, { ...run }),
      },
      {
        dispatcher: this.#deps.runs,
        clock,
        logger,
        past: await stored$('recentRuns', () => recentRuns(store, owner, dojoId)),
      },
    );
    this.#registerHandlers();
    // The room's tick rides on Colyseus's own patch interval (onBeforePatch) instead of a second
    // timer per room: at 300 rooms the two timers and the schema patches were ~10 % of the CPU.
    this.patchRate = Limits.presenceIntervalMs;
    this.#seats = new RoomSeats({
      seats: this.#deps.seats,
      tenantId: owner,
      dojoId,
      logger,
      present: () => [...this.state.participants.values()].map((participant) => participant.userId),
    });
    this.#seats.start();
    this.#gauge = {
      clients: () => this.clients.length,
      documentBytes: () => document.byteSize,
      persistBacklog: () => this.#writer.backlog,
    };
    metrics.rooms.add(this.#gauge);
    this.#armEmptyTimer();
    this.#guard.guardFrames(this);
    logger.info({ loaded: Boolean(stored), bytes: document.byteSize }, 'dojo room created');
  }

  override onJoin(client: DojoClient, options: AdmittedOptions, auth: DojoTicketClaims): void {
    // Only if the owner's room vanished between our look and Colyseus's: the client matchmakes again.
    if (this.#standIn) throw new ServerError(503, 'room_elsewhere: the dojo moved; retry');
    // Refusals here reach the client as an ERROR frame (numeric status, "code: message") before the socket closes.
    if (auth.did !== this.roomId) throw refusal(DojoErrorCode.ticketInvalid, 'the ticket is for another dojo');
    if (auth.tid !== this.#tenantId) throw refusal(DojoErrorCode.tenantMismatch, 'this dojo belongs to another tenant');
    if (this.#removals.has(auth.sub)) {
      throw refusal(DojoErrorCode.participantRemoved, 'a facilitator removed you from this dojo');
    }
    clearTimeout(this.#emptyTimer);
    // A ticket minted after the dojo's settings changed carries them: the room catches up.
    this.applySettings(auth.dojo);
    if (!this.#userColors.has(auth.sub)) this.#userColors.set(auth.sub, colorFor(this.#userColors.size));
    const session: Session = {
      userId: auth.sub,
      name: auth.name,
      role: auth.drole,
      color: this.#userColors.get(auth.sub)!,
      relay: options.relay === true,
    };
    client.userData = session;
    const firstSession = !this.#hasSeat(session.userId);
    // The same person in a new session (a reload, a new tab after a crash): their dropped session is a ghost
    // that would be listed beside them until its window closed. It ends now; onLeave sees the user still seated.
    this.#endReconnectionsOf(session.userId);
    const { sessionId } = client;
    const { userId, name, role, color } = session;
    this.state.participants.set(
      sessionId,
      new ParticipantSchema({ sessionId, userId, name, role, seat: 'navigator', connection: 'connected', color }),
    );
    this.#welcome(client);
    if (firstSession) {
      this.#facilitation.userArrived(userId);
      this.#sessionLog.record('joined', session, { role });
      this.#announce({ kind: 'joined', userId, name, at: this.#deps.clock.now() });
    } else {
      this.#facilitation.refreshSeats();
    }
    this.#catchUp(client);
  }

  override onDrop(client: DojoClient): void {
    // A removed participant, or a join refused in onJoin, gets no reconnection window; Colyseus then calls onLeave.
    const participant = this.state.participants.get(client.sessionId);
    if (!participant || this.#removals.has(participant.userId)) return;
    participant.connection = 'reconnecting';
    this.#stateDirty = true;
    this.#presence.remove(client.sessionId);
    // Its peer connections die with the socket's network path; it joins voice again after reconnecting.
    this.#voice.leave(client.sessionId);
    // Rejected when the reconnection window closes or the room is disposing; onLeave handles both.
    this.#reconnecting.hold(client.sessionId, this.allowReconnection(client, this.#deps.options.reconnectSeconds));
  }

  /** Closes the reconnection windows of `userId`'s dropped sessions (Colyseus then calls onLeave for each). */
  #endReconnectionsOf(userId: string): void {
    for (const participant of this.state.participants.values()) {
      if (participant.userId !== userId || participant.connection !== 'reconnecting') continue;
      this.#reconnecting.close(participant.sessionId);
    }
  }

  override onReconnect(client: DojoClient): void {
    const participant = this.state.participants.get(client.sessionId);
    if (participant) participant.connection = 'connected';
    this.#stateDirty = true;
    // Messages may have been lost with the old socket: both sides restart the sync conversation.
    this.#welcome(client);
    this.#catchUp(client);
  }

  override onLeave(client: DojoClient): void {
    const session = client.userData;
    this.state.participants.delete(client.sessionId);
    this.#stateDirty = true;
    this.#document.removePeer(client.sessionId);
    this.#guard.forget(client.sessionId);
    this.#presence.remove(client.sessionId);
    this.#voice.leave(client.sessionId);
    if (session && !this.#hasSeat(session.userId)) {
      this.#seats.release(session.userId);
      this.#driveRequests.forget(session.userId);
      this.#facilitation.userDeparted(session.userId);
      const kind = this.#removals.has(session.userId) ? 'removed' : 'left';
      this.#sessionLog.record(kind, session, {});
      this.#announce({ kind, userId: session.userId, name: session.name, at: this.#deps.clock.now() });
    }
    if (this.clients.length === 0) this.#armEmptyTimer();
  }

  override async onDispose(): Promise<void> {
    this.#seats?.stop();
    if (this.#standIn) return;
    clearTimeout(this.#emptyTimer);
    this.#facilitation?.dispose();
    this.#testRuns?.dispose();
    try {
      if (this.#facilitationDirty) this.#saveFacilitation();
      await this.#writer?.close();
      await this.#sessionLog?.settled();
      this.#log?.info({ bytes: this.#document?.byteSize }, 'dojo room disposed after its final save');
    } catch (error) {
      this.#log?.error({ err: error }, 'final save of the dojo failed');
    } finally {
      this.#deps.metrics.rooms.delete(this.#gauge);
      if (this.#lease !== undefined) {
        await retryStore(
          'releaseRoomLease',
          () => this.#deps.leases.release(this.roomId as DojoId, this.#lease!),
          this.#log,
        ).catch((error) => this.#log?.warn({ err: error }, 'releasing the room lease failed; it expires by itself'));
      }
    }
  }

  // ------------------------------------------------------------------ routing

  #registerHandlers(): void {
    const guard = this.#guard;
    const on = (type: string, handler: (client: DojoClient, payload: unknown) => void) =>
      this.onMessage(type, guard.handler(type, handler));
    const onSync = guard.handler(ClientMessage.sync, (client, payload) => this.#sync.onSync(client, payload));
    const onChanges = guard.handler(ClientMessage.changes, (client, payload) => this.#sync.onChanges(client, payload));
    this.onMessageBytes(ClientMessage.sync, onSync);
    this.onMessage(ClientMessage.sync, onSync);
    this.onMessageBytes(ClientMessage.changes, onChanges);
    this.onMessage(ClientMessage.changes, onChanges);
    on(ClientMessage.presence, (client, payload) => {
      const update = parsePayload(presenceUpdateSchema, payload);
      const { userId, name, color } = client.userData!;
      this.#presence.update({ ...update, sessionId: client.sessionId, userId, name, color });
    });
    on(ClientMessage.chat, (client, payload) => {
      const { text } = parsePayload(chatSendSchema, payload);
      this.broadcast(ServerMessage.chat, this.#chat.post(client.userData!, text));
    });
    on(ClientMessage.command, (client, payload) =>
      this.#facilitation.command(client.userData!, payload, {
        remove: (userId) =>
          this.#removals.remove(
            userId,
            this.clients.filter((c) => c.userData?.userId === userId),
          ),
        restoreFile: (path, by) => this.#sync.restoreFile(path, by),
      }),
    );
    on(ClientMessage.run, (client, payload) => {
      parsePayload(runTestsSchema, payload);
      const session = client.userData!;
      this.#testRuns.request(session, this.#facilitation.canEdit(session.userId, session.role));
    });
    on(ClientMessage.driveRequest, (client, payload) => {
      parsePayload(driveRequestSchema, payload);
      this.broadcast(
        ServerMessage.driveRequested,
        this.#driveRequests.request(client.userData!, this.state.driverUserId),
      );
    });
    on(ClientMessage.driveAccept, (client, payload) => {
      const { userId } = parsePayload(driveAcceptSchema, payload);
      const session = client.userData!;
      this.#driveRequests.accept(session, userId, this.state.driverUserId);
      this.#facilitation.setDriver(userId, { userId: session.userId, name: session.name });
    });
    on(ClientMessage.voice, (client, payload) => {
      const request = parsePayload(voiceRequestSchema, payload);
      const { userId, name } = client.userData!;
      this.#voice.handle({ sessionId: client.sessionId, userId, name }, request);
    });
    this.onMessage('*', (client: DojoClient, type: string | number) => guard.unknown(client, type));
  }

  /** Colyseus calls this before each state patch (every patchRate ms): the room's tick. */
  override onBeforePatch(): void {
    if (this.#document) this.#tick();
  }

  /** The room's tick: presence, state, and a lazy merge of the document every ~10 s. */
  #tick(): void {
    const presenceNow = this.#pacing.tick(this.#presence.pending);
    // Presence and state to the same clients in one write each; presence alone needs no corking.
    if (this.#stateDirty && this.#presence.pending) corkedSends(this.clients, () => this.#flushPresenceAndState());
    else if (presenceNow || this.#stateDirty || this.#facilitationDirty) this.#flushPresenceAndState();
    if (this.#document.parkedChanges > 0) this.#sync.refuseStaleDependencies(this.clients);
    if (++this.#ticks % MERGE_EVERY_TICKS === 0) this.#document.merge();
  }

  #flushPresenceAndState(): void {
    const batch = this.#presence.takeBatch();
    if (batch) this.broadcast(ServerMessage.presence, batch);
    if (this.#stateDirty) {
      this.#stateDirty = false;
      this.broadcast(ServerMessage.state, toSnapshot(this.state));
    }
    if (this.#facilitationDirty) this.#saveFacilitation();
  }

  // ------------------------------------------------------------------ calls from other processes

  /**
   * Applies the dojo's settings when they are newer than the room's (by
   * platform-api's `version`): from a `dojo.settings_changed` event routed to
   * this room (matchMaker.remoteRoomCall, whichever process consumed it), or
   * from the ticket of a join. Older or equal versions change nothing, so
   * events and tickets may arrive in any order. Public: remoteRoomCall calls it by name.
   */
  applySettings(settings: RoomSettings, tenantId?: string): boolean {
    if (tenantId !== undefined && tenantId !== this.#tenantId) {
      this.#log.warn({ tenantId }, 'settings of another tenant ignored');
      return false;
    }
    if (!this.state || settings.version <= this.#settingsVersion) return false;
    this.#settingsVersion = settings.version;
    copySettings(this.state, settings);
    this.#stateDirty = true;
    this.#log.info({ version: settings.version, editPolicy: settings.editPolicy }, 'dojo settings applied');
    return true;
  }

  /** A kata-runner result routed to this room (remoteRoomCall calls it by name): see TestRunCoordinator. */
  receiveRunResult(result: unknown): boolean {
    const parsed = runResultSchema.safeParse(result);
    return parsed.success && Boolean(this.#testRuns?.receive(parsed.data));
  }

  // ------------------------------------------------------------------ helpers

  /** The first message of every (re)connection: who the client is in this room. */
  #welcome(client: DojoClient): void {
    const { userId, role, color, relay } = client.userData!;
    const welcome: Welcome = {
      protocolVersion: PROTOCOL_VERSION,
      sessionId: client.sessionId,
      userId,
      role,
      color,
      relay,
      chat: this.#chat.recent,
      serverTime: this.#deps.clock.now(),
    };
    client.send(ServerMessage.welcome, welcome);
  }

  /** Room state, everyone's presence, recent runs, the voice roster, and the first sync message of a fresh sync state. */
  #catchUp(client: DojoClient): void {
    client.send(ServerMessage.state, toSnapshot(this.state));
    client.send(ServerMessage.presence, this.#presence.snapshot());
    client.send(ServerMessage.runs, { runs: this.#testRuns.recent() });
    client.send(ServerMessage.voice, { action: VoiceAction.roster, members: this.#voice.members });
    this.#sync.start(client);
  }

  /** Saves timer, driver and rotation order (serialised with history writes, so the last save wins). */
  #saveFacilitation(): void {
    this.#facilitationDirty = false;
    const snapshot = this.#facilitation.snapshot();
    this.#sessionLog.write('saveRoomState', () =>
      this.#deps.store.saveRoomState(this.#tenantId, this.roomId as DojoId, snapshot, this.#lease),
    );
  }

  /**
   * Another process took this dojo's lease over (this one stalled past its TTL):
   * two rooms must not live on. Clients are closed with 4001 and matchmake again,
   * landing in the newer room with their unsent edits; accepted changes are
   * already appended (never fenced: Automerge merges them), while the fenced
   * compaction and room state of this room are refused.
   */
  #leaseLost(): void {
    this.#log.warn('lease on the dojo lost to another process: closing this room');
    void this.disconnect(DojoCloseCode.serverShutdown);
  }

  #announce(announcement: Announcement): void {
    this.broadcast(ServerMessage.announce, announcement);
  }

  /** True while any session of the user holds a seat (connected or reconnecting). */
  #hasSeat(userId: string): boolean {
    for (const participant of this.state.participants.values()) if (participant.userId === userId) return true;
    return false;
  }

  #armEmptyTimer(): void {
    clearTimeout(this.#emptyTimer);
    this.#emptyTimer = setTimeout(() => {
      if (this.clients.length > 0) return;
      // A client between matchmaking and its WebSocket holds a reserved seat: wait for it.
      if (pendingSeatCount(this) > 0) this.#armEmptyTimer();
      else void this.disconnect();
    }, this.#deps.options.emptyGraceMs);
  }
}

/** The room class for one engine instance: dependencies bound, static onAuth checking tickets. */
export function createDojoRoomClass(deps: RoomDeps) {
  return class BoundDojoRoom extends DojoRoom {
    static override onAuth(token: string, options: Record<string, unknown>): Promise<DojoTicketClaims> {
      return traced('dojo admit', { 'dojo.room': 'dojo' }, () => deps.admit(token, options));
    }
    constructor() {
      super(deps);
    }
  };
}
