import { matchMaker, Room, ServerError } from '@colyseus/core';
import { DojoCloseCode, DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
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
} from '@pocdojo/common/contracts/dojo-protocol/messages';
import { VoiceAction, voiceRequestSchema } from '@pocdojo/common/contracts/dojo-protocol/voice';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import { runResultSchema } from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { traced } from '@pocdojo/common/runtime/spans';
import type { DojoTicketClaims } from '@pocdojo/common/runtime/tokens';
import type { RoomGauge } from '../metrics.ts';
import { retryStore } from '../persistence/store-retry.ts';
import { recentRuns } from '../runs/recent-runs.ts';
import { TestRunCoordinator } from '../runs/test-run-coordinator.ts';
import type { VoiceChannel } from '../voice/voice-channel.ts';
import { type AdmittedOptions, refusal } from './admission.ts';
import { ChatLog } from './chat-log.ts';
import { pendingSeatCount } from './colyseus-internals.ts';
import { DocumentSync } from './document-sync.ts';
import { DriveRequests } from './drive-requests.ts';
import { Facilitation, facilitationSnapshotSchema } from './facilitation.ts';
import { MessageGuard } from './message-guard.ts';
import { parsePayload } from './payloads.ts';
import { ReconnectionWindows } from './reconnection-windows.ts';
import { Removals } from './removals.ts';
import type { RoomDeps } from './room-options.ts';
import { RoomSeats } from './room-seats.ts';
import { copySettings, initialState, type RoomSettings } from './room-settings.ts';
import { RoomUpdates } from './room-updates.ts';
import { createRoomVoice } from './room-voice.ts';
import { Roster } from './roster.ts';
import type { DojoClient, Session } from './session.ts';
import { SessionLog } from './session-log.ts';
import { type DojoStateSchema, toSnapshot } from './state.ts';

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
  #sessionLog!: SessionLog;
  #sync!: DocumentSync;
  #guard!: MessageGuard;
  #facilitation!: Facilitation;
  #updates!: RoomUpdates;
  #chat!: ChatLog;
  #driveRequests!: DriveRequests;
  #voice!: VoiceChannel;
  #seats!: RoomSeats;
  #testRuns!: TestRunCoordinator;
  #roster!: Roster;
  #removals!: Removals;
  #reconnecting = new ReconnectionWindows();
  /** Version of the dojo settings the room runs with (platform-api's `dojo.version`). */
  #settingsVersion = 0;
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
    const owner = this.#tenantId;
    const logger = this.#log;

    this.state = initialState(dojoId, admitted.dojo);
    this.#roster = new Roster(this.state);
    this.#settingsVersion = admitted.dojo.version;
    const sessionLog = new SessionLog({ tenantId: owner, dojoId, store, clock, logger });
    this.#sessionLog = sessionLog;
    this.#updates = new RoomUpdates({
      state: this.state,
      broadcast: (type, payload) => this.broadcast(type, payload),
      presenceHoldTicks: options.presenceHoldTicks,
      saveFacilitation: () => {
        const snapshot = this.#facilitation.snapshot();
        sessionLog.write('saveRoomState', () => store.saveRoomState(owner, dojoId, snapshot, this.#lease));
      },
    });
    this.#guard = new MessageGuard({
      metrics,
      logger,
      roomId: dojoId,
      maxMessagesPerSecond: options.maxMessagesPerSecond,
    });
    const sync = await DocumentSync.open({
      store,
      batcher: this.#deps.batcher,
      tenantId: owner,
      dojoId,
      files: admitted.dojo.files,
      lease: this.#lease,
      compactEvery: options.compactEvery,
      clock,
      logger,
      guard: this.#guard,
      log: sessionLog,
      onPersisted: (lags) => {
        for (const lag of lags) metrics.persistLag.observe(lag / 1000);
      },
      canEdit: (session) => this.#facilitation.canEdit(session.userId, session.role),
      clients: () => this.clients,
      hasPending: () => this.#updates.pending,
      flushPending: () => this.#updates.flush(),
      fannedOut: () => this.#updates.fannedOut(),
      stored$,
    });
    this.#sync = sync;
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
      changed: () => this.#updates.facilitationChanged(),
    });
    const saved = facilitationSnapshotSchema.safeParse(
      await stored$('loadRoomState', () => store.loadRoomState(owner, dojoId)),
    );
    if (saved.success) this.#facilitation.restore(saved.data);
    this.#testRuns = new TestRunCoordinator(
      {
        tenantId: owner,
        dojoId,
        language: () => this.state.language,
        snapshot: () => ({ files: sync.files(), heads: sync.heads }),
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
      present: () => this.#roster.users(),
    });
    this.#seats.start();
    this.#gauge = {
      clients: () => this.clients.length,
      documentBytes: () => sync.byteSize,
      persistBacklog: () => sync.backlog,
    };
    metrics.rooms.add(this.#gauge);
    this.#armEmptyTimer();
    this.#guard.guardFrames(this);
    logger.info({ loaded: sync.loaded, bytes: sync.byteSize }, 'dojo room created');
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
    const session: Session = {
      userId: auth.sub,
      name: auth.name,
      role: auth.drole,
      color: this.#roster.colorOf(auth.sub),
      relay: options.relay === true,
    };
    client.userData = session;
    const { userId, name, role } = session;
    const firstSession = !this.#roster.has(userId);
    // The same person in a new session (a reload, a new tab after a crash): their dropped session is a ghost
    // that would be listed beside them until its window closed. It ends now; onLeave sees the user still listed.
    for (const ghost of this.#roster.reconnecting(userId)) this.#reconnecting.close(ghost);
    this.#roster.add(client.sessionId, session);
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
    // A stand-in's refused join: nothing was opened, so nothing to undo (Colyseus then sends the client its 503).
    if (this.#standIn) return;
    // A removed participant, or a join refused in onJoin, gets no reconnection window; Colyseus then calls onLeave.
    const participant = this.state.participants.get(client.sessionId);
    if (!participant || this.#removals.has(participant.userId)) return;
    participant.connection = 'reconnecting';
    this.#updates.stateChanged();
    this.#updates.presence.remove(client.sessionId);
    // Its peer connections die with the socket's network path; it joins voice again after reconnecting.
    this.#voice.leave(client.sessionId);
    // Rejected when the reconnection window closes or the room is disposing; onLeave handles both.
    this.#reconnecting.hold(client.sessionId, this.allowReconnection(client, this.#deps.options.reconnectSeconds));
  }

  override onReconnect(client: DojoClient): void {
    const participant = this.state.participants.get(client.sessionId);
    if (participant) participant.connection = 'connected';
    this.#updates.stateChanged();
    // Messages may have been lost with the old socket: both sides restart the sync conversation.
    this.#welcome(client);
    this.#catchUp(client);
  }

  override onLeave(client: DojoClient): void {
    if (this.#standIn) return;
    const session = client.userData;
    this.#roster.remove(client.sessionId);
    this.#updates.stateChanged();
    this.#sync.removePeer(client.sessionId);
    this.#guard.forget(client.sessionId);
    this.#updates.presence.remove(client.sessionId);
    this.#voice.leave(client.sessionId);
    if (session && !this.#roster.has(session.userId)) {
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
      this.#updates?.saveIfChanged();
      await this.#sync?.close();
      await this.#sessionLog?.settled();
      this.#log?.info({ bytes: this.#sync?.byteSize }, 'dojo room disposed after its final save');
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
      this.#updates.presence.update({ ...update, sessionId: client.sessionId, userId, name, color });
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
    if (this.#sync) this.#tick();
  }

  /** The room's tick: presence, state, and the document's upkeep. */
  #tick(): void {
    this.#updates.tick(this.clients);
    this.#sync.tick(this.clients);
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
    this.#updates.stateChanged();
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
    client.send(ServerMessage.presence, this.#updates.presence.snapshot());
    client.send(ServerMessage.runs, { runs: this.#testRuns.recent() });
    client.send(ServerMessage.voice, { action: VoiceAction.roster, members: this.#voice.members });
    this.#sync.start(client);
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
