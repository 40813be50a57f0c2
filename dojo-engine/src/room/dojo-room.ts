import { randomUUID } from 'node:crypto';
import { type Client, Deferred, getMessageBytes, matchMaker, Protocol, Room, ServerError } from '@colyseus/core';
import { asBytes, decodeChanges, encodeChanges, FrameError } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import { DojoCloseCode, DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import {
  type Announcement,
  type ChatMessage,
  ClientMessage,
  CommandAction,
  chatSendSchema,
  commandSchema,
  type DojoRole,
  driveAcceptSchema,
  driveRequestSchema,
  type ErrorMessage,
  Limits,
  PROTOCOL_VERSION,
  presenceUpdateSchema,
  runTestsSchema,
  ServerMessage,
  type Welcome,
} from '@pocdojo/common/contracts/dojo-protocol/messages';
import { VoiceAction, voiceRequestSchema } from '@pocdojo/common/contracts/dojo-protocol/voice';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import { runResultSchema } from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { traced } from '@pocdojo/common/runtime/spans';
import type { DojoSettings, DojoTicketClaims } from '@pocdojo/common/runtime/tokens';
import type { z } from 'zod';
import { type ApplyResult, DojoDocument } from '../document/dojo-document.ts';
import type { EngineMetrics, RoomGauge } from '../metrics.ts';
import type { ChangeBatcher } from '../persistence/change-batcher.ts';
import { ChangeWriter } from '../persistence/change-writer.ts';
import type { DojoStore, HistoryEvent, HistoryKind, StoredHistoryEvent } from '../persistence/dojo-store.ts';
import { backgroundRetry, retryStore } from '../persistence/store-retry.ts';
import { ActorLedger } from '../replay/actor-ledger.ts';
import { recentRuns } from '../runs/recent-runs.ts';
import type { RunDispatcher } from '../runs/run-dispatcher.ts';
import { TestRunCoordinator } from '../runs/test-run-coordinator.ts';
import { type Clock, systemClock } from '../time/clock.ts';
import type { IceServerIssuer } from '../voice/ice-servers.ts';
import { VoiceChannel } from '../voice/voice-channel.ts';
import { type AdmittedOptions, refusal } from './admission.ts';
import { colorFor } from './colors.ts';
import { CommandError } from './command-error.ts';
import { corkedSends } from './corked-sends.ts';
import { DriveRequests } from './drive-requests.ts';
import { type Actor, Facilitation, facilitationSnapshotSchema } from './facilitation.ts';
import { withMessageSpan } from './message-spans.ts';
import { type ParticipantSeats, SEAT_LEASE_MS, seatOf } from './participant-seats.ts';
import { PresenceHub } from './presence-hub.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { RoomLeases } from './room-leases.ts';
import { DojoStateSchema, ParticipantSchema, TimerSchema, toSnapshot } from './state.ts';

/**
 * Merge the document's pending fast-path changes every this many ticks (≈ 10 s)
 * even when nobody reads it. Merging is ~15 % of the server's CPU at 1/s (profiled
 * at 50 rooms × 5 clients); readers and the size threshold merge on demand anyway.
 */
const MERGE_EVERY_TICKS = Math.round(10_000 / Limits.presenceIntervalMs);

/** Tunables of every room; defaults in defaultRoomOptions. */
export interface RoomOptions {
  /** How long an empty room waits for someone to come back before its final save and disposal (ms). */
  emptyGraceMs: number;
  /** How long a dropped client may reconnect into its seat (s). */
  reconnectSeconds: number;
  /** Compact a dojo's stored changes into one snapshot after this many (bounds load time on join). */
  compactEvery: number;
  /** Sustained messages per second one client may send (with 10 s of it as burst) before the room closes it with 4101. */
  maxMessagesPerSecond: number;
}

export const defaultRoomOptions: RoomOptions = {
  emptyGraceMs: 30_000,
  reconnectSeconds: 20,
  compactEvery: 500,
  // Typing, presence and sync replies stay far below this; a paste is one change.
  maxMessagesPerSecond: 500,
};

/** The dojo settings a live room applies (a ticket's, without the starter files). */
export type RoomSettings = Omit<DojoSettings, 'files'>;

/** Everything a room needs from the process; bound into the room class by createDojoRoomClass. */
export interface RoomDeps {
  store: DojoStore;
  batcher: ChangeBatcher;
  admit: (token: string | undefined, options: Record<string, unknown>) => Promise<DojoTicketClaims>;
  clock: Clock;
  logger: Logger;
  metrics: EngineMetrics;
  options: RoomOptions;
  /** Where test runs go (kata-runner's queue); without it a Run is refused with runner_unavailable. */
  runs?: RunDispatcher;
  /** This process's dojo leases: a room is created only by the process holding its dojo's lease. */
  leases: RoomLeases;
  /** The tenants' dojo seats (plan limit): taken at admission, renewed while people stay, released when they go. */
  seats?: ParticipantSeats;
  /** STUN/TURN servers handed to voice members; without it, none (peers on one network still connect). */
  iceServers?: IceServerIssuer;
}

/** Per-client data kept on the Colyseus client. */
interface Session {
  userId: UserId;
  name: string;
  role: DojoRole;
  color: string;
  relay: boolean;
}

type DojoClient = Client<{ userData: Session }>;

/** Changes accepted since the last fan-out, grouped by the client they came from. */
interface Outgoing {
  sender: string;
  changes: Uint8Array[];
}

/**
 * The Colyseus room of one dojo (room id = dojo id): the transport layer.
 * It authenticates joins, turns socket messages into calls on the protocol
 * pieces — DojoDocument (sync), Facilitation (timer, seats), PresenceHub,
 * chat — and fans their results out. Persistence goes through the DojoStore port.
 */
export class DojoRoom extends Room<{ state: DojoStateSchema; client: DojoClient }> {
  readonly #deps: RoomDeps;
  #log!: Logger;
  #tenantId!: TenantId;
  #document!: DojoDocument;
  #writer!: ChangeWriter;
  #facilitation!: Facilitation;
  #presence = new PresenceHub();
  #chatLimiter!: RateLimiter;
  #driveRequests!: DriveRequests;
  #voice!: VoiceChannel;
  #chat: ChatMessage[] = [];
  #userColors = new Map<string, string>();
  #removedUsers = new Set<string>();
  /** Open reconnection windows of dropped sessions, to close early when their user comes back in a new session. */
  #reconnecting = new Map<string, Deferred<DojoClient>>();
  /** Version of the dojo settings the room runs with (platform-api's `dojo.version`). */
  #settingsVersion = 0;
  #outgoing: Outgoing[] = [];
  #fanoutScheduled = false;
  #ticks = 0;
  #history: Promise<void> = Promise.resolve();
  #seatTimer: NodeJS.Timeout | undefined;
  /** The roster or timer changed since the last `state` broadcast. */
  #stateDirty = false;
  /** Timer, driver or rotation order changed since they were last saved. */
  #facilitationDirty = false;
  #emptyTimer: NodeJS.Timeout | undefined;
  #flood!: RateLimiter;
  #gauge!: RoomGauge;
  #testRuns!: TestRunCoordinator;
  #actors = new ActorLedger();
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
    // Colyseus's own guard counts messages per second of *processing*: after any stall of this
    // process (a Redis or Postgres reconnection, a long GC) the messages clients sent meanwhile
    // arrive in one burst and it closed honest clients with 4002. Ours is a token bucket over
    // wall time: the same sustained rate, with ten seconds of it as burst.
    this.maxMessagesPerSecond = Number.POSITIVE_INFINITY;
    const rate = this.#deps.options.maxMessagesPerSecond;
    this.#flood = new RateLimiter({ burst: rate * 10, windowMs: 10_000, clock: systemClock });
    this.#log = logger.child({ roomId: dojoId, tenantId: admitted.tid });

    // Postgres restarting while a room is created delays the join instead of refusing it.
    const stored$ = <T>(what: string, call: () => Promise<T>) => retryStore(what, call, this.#log);
    const owner = await stored$('registerDojo', () => store.registerDojo(dojoId, admitted.tid));
    if (owner !== admitted.tid) throw new Error('dojo belongs to another tenant');
    this.#tenantId = owner;
    // One room per dojo across processes: only the holder of the dojo's lease opens it.
    const claim = await stored$('claimDojo', () =>
      this.#deps.leases.claim(
        dojoId,
        () => this.#leaseLost(),
        async () => {
          const listing = await matchMaker.driver.findOne({ roomId: dojoId });
          return Boolean(listing);
        },
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

  async #open(
    dojoId: DojoId,
    admitted: AdmittedOptions['admitted'],
    stored$: <T>(what: string, call: () => Promise<T>) => Promise<T>,
  ): Promise<void> {
    const { store, clock } = this.#deps;
    const owner = this.#tenantId;

    this.state = this.#initialState(dojoId, admitted.dojo);
    this.#settingsVersion = admitted.dojo.version;
    const stored = await stored$('loadDocument', () => store.loadDocument(owner, dojoId));
    this.#document = stored
      ? DojoDocument.load(stored.snapshot, stored.changes)
      : DojoDocument.create(dojoId, admitted.dojo.files);
    // The starter document is saved before anyone can edit it, so every later change has its base in the store.
    if (!stored) {
      const starter = this.#document.save();
      await stored$('compact', () => store.compact(owner, dojoId, starter, 0, this.#lease));
    }
    this.#removedUsers = new Set(await stored$('removedParticipants', () => store.removedParticipants(owner, dojoId)));
    this.#writer = new ChangeWriter({
      tenantId: owner,
      dojoId,
      store,
      batcher: this.#deps.batcher,
      compactEvery: this.#deps.options.compactEvery,
      snapshot: () => this.#document.save(),
      lastChangeId: stored?.lastChangeId ?? 0,
      fence: this.#lease,
      uncompacted: stored?.changes.length ?? 0,
      logger: this.#log,
      onPersisted: (lags) => {
        for (const lag of lags) this.#deps.metrics.persistLag.observe(lag / 1000);
      },
    });
    this.#chat = (await stored$('recentChat', () => store.recentChat(owner, dojoId, Limits.chatHistory))).map(
      toChatMessage,
    );
    this.#chatLimiter = new RateLimiter({ burst: Limits.chatBurst, windowMs: Limits.chatWindowMs, clock });
    this.#driveRequests = new DriveRequests(clock);
    this.#voice = new VoiceChannel({
      clock,
      iceServers: (userId) => this.#deps.iceServers?.issue(userId) ?? [],
      transport: {
        send: (sessionId, event) => {
          const to = this.clients.getById(sessionId);
          if (!to || !this.state.participants.has(sessionId)) return false;
          to.send(ServerMessage.voice, event);
          return true;
        },
        broadcast: (event) => this.broadcast(ServerMessage.voice, event),
      },
    });
    this.#facilitation = new Facilitation(this.state, clock, {
      announce: (announcement) => this.#announce(announcement),
      history: (kind, actor, data) => this.#record(kind, actor, data),
      changed: () => {
        this.#stateDirty = true;
        this.#facilitationDirty = true;
      },
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
        snapshot: () => ({ files: this.#document.files(), heads: this.#document.heads }),
        broadcast: (run) => this.broadcast(ServerMessage.run, run),
        record: (actor, run) => this.#record('test_run', actor, { ...run }),
      },
      {
        dispatcher: this.#deps.runs,
        clock,
        logger: this.#log,
        past: await stored$('recentRuns', () => recentRuns(store, owner, dojoId)),
      },
    );
    this.#registerHandlers();
    // The room's tick rides on Colyseus's own patch interval (onBeforePatch) instead of a second
    // timer per room: at 300 rooms the two timers and the schema patches were ~10 % of the CPU.
    this.patchRate = Limits.presenceIntervalMs;
    this.#seatTimer = setInterval(() => this.#renewSeats(), SEAT_LEASE_MS / 3);
    this.#gauge = {
      clients: () => this.clients.length,
      documentBytes: () => this.#document.byteSize,
      persistBacklog: () => this.#writer.backlog,
    };
    this.#deps.metrics.rooms.add(this.#gauge);
    this.#armEmptyTimer();
    this.#guardDecoding();
    this.#log.info({ loaded: Boolean(stored), bytes: this.#document.byteSize }, 'dojo room created');
  }

  override onJoin(client: DojoClient, options: AdmittedOptions, auth: DojoTicketClaims): void {
    // Only if the owner's room vanished between our look and Colyseus's: the client matchmakes again.
    if (this.#standIn) throw new ServerError(503, 'room_elsewhere: the dojo moved; retry');
    // Refusals here reach the client as an ERROR frame (numeric status, "code: message") before the socket closes.
    if (auth.did !== this.roomId) throw refusal(DojoErrorCode.ticketInvalid, 'the ticket is for another dojo');
    if (auth.tid !== this.#tenantId) throw refusal(DojoErrorCode.tenantMismatch, 'this dojo belongs to another tenant');
    if (this.#removedUsers.has(auth.sub)) {
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
    this.state.participants.set(
      client.sessionId,
      new ParticipantSchema({
        sessionId: client.sessionId,
        userId: session.userId,
        name: session.name,
        role: session.role,
        seat: 'navigator',
        connection: 'connected',
        color: session.color,
      }),
    );
    this.#welcome(client);
    if (firstSession) {
      this.#facilitation.userArrived(session.userId);
      this.#record('joined', session, { role: session.role });
      this.#announce({ kind: 'joined', userId: session.userId, name: session.name, at: this.#deps.clock.now() });
    } else {
      this.#facilitation.refreshSeats();
    }
    this.#catchUp(client);
  }

  override onDrop(client: DojoClient): void {
    // A removed participant, or a join refused in onJoin, gets no reconnection window; Colyseus then calls onLeave.
    const participant = this.state.participants.get(client.sessionId);
    if (!participant || this.#removedUsers.has(participant.userId)) return;
    participant.connection = 'reconnecting';
    this.#stateDirty = true;
    this.#presence.remove(client.sessionId);
    // Its peer connections die with the socket's network path; it joins voice again after reconnecting.
    this.#voice.leave(client.sessionId);
    // Rejected when the reconnection window closes or the room is disposing; onLeave handles both.
    const window = this.allowReconnection(client, this.#deps.options.reconnectSeconds);
    if (window instanceof Deferred) this.#reconnecting.set(client.sessionId, window as Deferred<DojoClient>);
    Promise.resolve(window)
      .catch(() => {})
      .finally(() => this.#reconnecting.delete(client.sessionId));
  }

  /** Closes the reconnection windows of `userId`'s dropped sessions (Colyseus then calls onLeave for each). */
  #endReconnectionsOf(userId: string): void {
    for (const participant of this.state.participants.values()) {
      if (participant.userId !== userId || participant.connection !== 'reconnecting') continue;
      this.#reconnecting.get(participant.sessionId)?.reject(false);
      this.#reconnecting.delete(participant.sessionId);
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
    this.#flood.forget(client.sessionId);
    this.#presence.remove(client.sessionId);
    this.#voice.leave(client.sessionId);
    if (session && !this.#hasSeat(session.userId)) {
      this.#releaseSeat(session.userId);
      this.#driveRequests.forget(session.userId);
      this.#facilitation.userDeparted(session.userId);
      const removed = this.#removedUsers.has(session.userId);
      this.#record(removed ? 'removed' : 'left', session, {});
      this.#announce({
        kind: removed ? 'removed' : 'left',
        userId: session.userId,
        name: session.name,
        at: this.#deps.clock.now(),
      });
    }
    if (this.clients.length === 0) this.#armEmptyTimer();
  }

  /** Keeps the seats of everyone still here (connected or within their reconnection window). */
  #renewSeats(): void {
    const users = new Set<string>();
    for (const participant of this.state.participants.values()) users.add(participant.userId);
    if (!users.size || !this.#deps.seats) return;
    const seats = [...users].map((userId) => seatOf(this.roomId, userId));
    this.#deps.seats
      .renew(this.#tenantId, seats)
      .catch((error) => this.#log.warn({ err: error }, 'seat renewal failed'));
  }

  #releaseSeat(userId: string): void {
    this.#deps.seats
      ?.release(this.#tenantId, seatOf(this.roomId, userId))
      .catch((error) => this.#log.warn({ err: error }, 'seat release failed'));
  }

  override async onDispose(): Promise<void> {
    clearInterval(this.#seatTimer);
    if (this.#standIn) return;
    clearTimeout(this.#emptyTimer);
    this.#facilitation?.dispose();
    this.#testRuns?.dispose();
    try {
      if (this.#facilitationDirty) this.#saveFacilitation();
      await this.#writer?.close();
      await this.#history;
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

  // ------------------------------------------------------------------ wiring

  #registerHandlers(): void {
    // One labelled child per message type, looked up once: inc({type}) hashes the labels on every message.
    const counters = new Map<string, { inc(): void }>();
    const count = (type: string) => {
      let counter = counters.get(type);
      if (!counter) {
        counter = this.#deps.metrics.messages.labels({ type });
        counters.set(type, counter);
      }
      counter.inc();
    };
    const guarded =
      <T>(type: string, handler: (client: DojoClient, payload: T) => void) =>
      (client: DojoClient, payload: T) => {
        count(type);
        try {
          withMessageSpan(type, this.roomId, () => handler(client, payload));
        } catch (error) {
          if (error instanceof CommandError) this.#refuse(client, error.code, error.message, type);
          else {
            this.#log.error({ err: error, type, sessionId: client.sessionId }, 'room message failed');
            this.#refuse(client, DojoErrorCode.internal, 'the server could not process the message', type);
          }
        }
      };
    const onSync = guarded<unknown>(ClientMessage.sync, (client, payload) => this.#onSync(client, payload));
    const onChanges = guarded<unknown>(ClientMessage.changes, (client, payload) => this.#onChanges(client, payload));
    this.onMessageBytes(ClientMessage.sync, onSync);
    this.onMessage(ClientMessage.sync, onSync);
    this.onMessageBytes(ClientMessage.changes, onChanges);
    this.onMessage(ClientMessage.changes, onChanges);
    this.onMessage(
      ClientMessage.presence,
      guarded<unknown>(ClientMessage.presence, (client, payload) => this.#onPresence(client, payload)),
    );
    this.onMessage(
      ClientMessage.chat,
      guarded<unknown>(ClientMessage.chat, (client, payload) => this.#onChat(client, payload)),
    );
    this.onMessage(
      ClientMessage.command,
      guarded<unknown>(ClientMessage.command, (client, payload) => this.#onCommand(client, payload)),
    );
    this.onMessage(
      ClientMessage.run,
      guarded<unknown>(ClientMessage.run, (client, payload) => {
        this.#parse(runTestsSchema, payload);
        const session = client.userData!;
        this.#testRuns.request(session, this.#facilitation.canEdit(session.userId, session.role));
      }),
    );
    this.onMessage(
      ClientMessage.driveRequest,
      guarded<unknown>(ClientMessage.driveRequest, (client, payload) => {
        this.#parse(driveRequestSchema, payload);
        const request = this.#driveRequests.request(client.userData!, this.state.driverUserId);
        this.broadcast(ServerMessage.driveRequested, request);
      }),
    );
    this.onMessage(
      ClientMessage.driveAccept,
      guarded<unknown>(ClientMessage.driveAccept, (client, payload) => {
        const { userId } = this.#parse(driveAcceptSchema, payload);
        const session = client.userData!;
        this.#driveRequests.accept(session, userId, this.state.driverUserId);
        this.#facilitation.setDriver(userId, { userId: session.userId, name: session.name });
      }),
    );
    this.onMessage(
      ClientMessage.voice,
      guarded<unknown>(ClientMessage.voice, (client, payload) => {
        const request = this.#parse(voiceRequestSchema, payload);
        const { userId, name } = client.userData!;
        this.#voice.handle({ sessionId: client.sessionId, userId, name }, request);
      }),
    );
    this.onMessage('*', (client: DojoClient, type: string | number) => {
      count('unknown');
      this.#refuse(
        client,
        DojoErrorCode.unknownMessage,
        `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}`,
      );
    });
  }

  /**
   * Colyseus decodes the frame header before its own try/catch; a truncated
   * frame would throw out of the socket's message listener. Catch it here and
   * close only that client.
   */
  #guardDecoding(): void {
    const self = this as unknown as { _onMessage: (client: DojoClient, buffer: Uint8Array) => void };
    const original = self._onMessage;
    self._onMessage = (client, buffer) => {
      if (!this.#flood.take(client.sessionId)) {
        this.#deps.metrics.refused.inc({ code: 'flood' });
        client.leave(DojoCloseCode.protocolViolation, 'too many messages');
        return;
      }
      try {
        original.call(this, client, buffer);
      } catch (error) {
        this.#deps.metrics.refused.inc({ code: DojoErrorCode.malformedMessage });
        this.#log.warn({ err: error, sessionId: client.sessionId }, 'undecodable frame');
        this.#refuse(client, DojoErrorCode.malformedMessage, 'undecodable frame');
      }
    };
  }

  // ------------------------------------------------------------------ document

  #onSync(client: DojoClient, payload: unknown): void {
    const bytes = this.#binary(payload);
    if (bytes.byteLength > Limits.syncBytes) {
      throw new CommandError(DojoErrorCode.messageTooLarge, `sync messages are limited to ${Limits.syncBytes} bytes`);
    }
    const session = client.userData!;
    const result = this.#document.receiveSync(
      client.sessionId,
      bytes,
      this.#facilitation.canEdit(session.userId, session.role),
    );
    if (!this.#settle(client, result, ClientMessage.sync)) return;
    const reply = this.#document.generateSync(client.sessionId);
    if (reply) client.sendBytes(ServerMessage.sync, reply);
  }

  #onChanges(client: DojoClient, payload: unknown): void {
    const bytes = this.#binary(payload);
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
    const session = client.userData!;
    const result = this.#document.applyChanges(changes, this.#facilitation.canEdit(session.userId, session.role), {
      peer: client.sessionId,
      at: this.#deps.clock.now(),
    });
    this.#settle(client, result, ClientMessage.changes);
  }

  /** Persists and fans out accepted changes; on refusal tells the client why and resets it. Returns ok. */
  #settle(client: DojoClient, result: ApplyResult, type: string): boolean {
    if (!result.ok) {
      this.#refuse(client, result.code, result.message, type);
      if (result.code !== DojoErrorCode.malformedMessage) this.#reset(client);
      return false;
    }
    if (result.applied.length) {
      this.#persistChanges(result.applied, client.userData ?? null);
      this.#outgoing.push({ sender: client.sessionId, changes: result.applied });
      this.#scheduleFanout();
    }
    return true;
  }

  /**
   * Stores accepted changes with their replay timeline rows (accepted now, by
   * `from`'s session; null: the server's own), binding new actors to `from`'s user.
   */
  #persistChanges(changes: readonly Uint8Array[], from: Session | null): void {
    const { meta, bindings } = this.#actors.admit(changes, from, this.#deps.clock.now());
    this.#writer.enqueue(changes, meta);
    if (bindings.length) {
      this.#persistInOrder('bindActors', () =>
        this.#deps.store.bindActors(this.#tenantId, this.roomId as DojoId, bindings),
      );
    }
  }

  /** Brings a client back to the authoritative document, dropping whatever it has that we refused. */
  #reset(client: DojoClient): void {
    this.#document.resetPeer(client.sessionId);
    client.sendBytes(ServerMessage.reset, this.#document.save());
  }

  /**
   * Coalesces fan-out to once per event-loop turn: a burst of keystrokes that
   * arrives together becomes one `changes` frame per recipient and one sync
   * round per sync-only client, instead of one per keystroke.
   */
  #scheduleFanout(): void {
    if (this.#fanoutScheduled) return;
    this.#fanoutScheduled = true;
    setImmediate(() => {
      this.#fanoutScheduled = false;
      this.#fanout();
    });
  }

  #fanout(): void {
    const outgoing = this.#outgoing;
    this.#outgoing = [];
    if (this.clients.length === 0 || !this.#document) return;
    // Presence waiting for the next tick goes out now, in the same socket write as the changes.
    if (this.#presence.pending || this.#stateDirty) {
      corkedSends(this.clients, () => {
        this.#flushPresenceAndState();
        this.#sendChanges(outgoing);
      });
    } else this.#sendChanges(outgoing);
  }

  #sendChanges(outgoing: Outgoing[]): void {
    const bySender = new Map<string, Uint8Array[]>();
    for (const { sender, changes } of outgoing) bySender.set(sender, [...(bySender.get(sender) ?? []), ...changes]);
    // Each distinct payload is framed once (changes + Colyseus header) and the same bytes go to
    // every recipient: client.sendBytes would copy and frame them again per client.
    const frames = new Map<string, Uint8Array>();
    const all = outgoing.flatMap((entry) => entry.changes);
    for (const client of this.clients) {
      const session = client.userData;
      if (!session) continue;
      if (session.relay) {
        const own = bySender.get(client.sessionId);
        const others = own ? all.filter((change) => !own.includes(change)) : all;
        if (others.length === 0) continue;
        const key = own ? client.sessionId : '*';
        let frame = frames.get(key);
        if (!frame) {
          frame = getMessageBytes.raw(
            Protocol.ROOM_DATA_BYTES,
            ServerMessage.changes,
            undefined,
            encodeChanges(others),
          );
          frames.set(key, frame);
        }
        client.enqueueRaw(frame);
      } else {
        // Sync-only clients: one sync round per event-loop turn however many changes arrived.
        // (Deferring this to the 50 ms tick made two sync-only clients typing every 15 ms across
        // a process failover stop converging in test/scale/two-processes.test.ts; cause not pinned down.)
        const message = this.#document.generateSync(client.sessionId);
        if (message) client.sendBytes(ServerMessage.sync, message);
      }
    }
  }

  /** Refuses (and resets) the senders of changes whose dependencies never arrived within the wait. */
  #refuseStaleDependencies(): void {
    const peers = this.#document.expireParked(this.#deps.clock.now() - Limits.dependencyWaitMs);
    for (const client of this.clients) {
      if (!peers.has(client.sessionId)) continue;
      this.#refuse(
        client,
        DojoErrorCode.missingDependencies,
        `changes depending on changes the room never received were dropped after ${Limits.dependencyWaitMs / 1000} s; your document has been reset`,
        ClientMessage.changes,
      );
      this.#reset(client);
    }
  }

  // ------------------------------------------------------------------ presence, chat, commands

  #onPresence(client: DojoClient, payload: unknown): void {
    const update = this.#parse(presenceUpdateSchema, payload);
    const session = client.userData!;
    this.#presence.update({
      ...update,
      sessionId: client.sessionId,
      userId: session.userId,
      name: session.name,
      color: session.color,
    });
  }

  /** Colyseus calls this before each state patch (every patchRate ms): the room's tick. */
  override onBeforePatch(): void {
    if (this.#document) this.#tick();
  }

  /** The room's tick: presence, state, and a lazy merge of the document every ~10 s. */
  #tick(): void {
    // Presence and state to the same clients in one write each; presence alone needs no corking.
    if (this.#stateDirty && this.#presence.pending) corkedSends(this.clients, () => this.#flushPresenceAndState());
    else this.#flushPresenceAndState();
    if (this.#document.parkedChanges > 0) this.#refuseStaleDependencies();
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

  #onChat(client: DojoClient, payload: unknown): void {
    const { text } = this.#parse(chatSendSchema, payload);
    const session = client.userData!;
    if (!this.#chatLimiter.take(session.userId)) {
      throw new CommandError(
        DojoErrorCode.rateLimited,
        `at most ${Limits.chatBurst} chat messages per ${Limits.chatWindowMs / 1000} s`,
      );
    }
    const message: ChatMessage = {
      id: randomUUID(),
      userId: session.userId,
      name: session.name,
      text,
      at: this.#deps.clock.now(),
    };
    this.#chat.push(message);
    if (this.#chat.length > Limits.chatHistory) this.#chat.shift();
    this.#record('chat', session, { chatId: message.id, text });
    this.broadcast(ServerMessage.chat, message);
  }

  #onCommand(client: DojoClient, payload: unknown): void {
    const session = client.userData!;
    if (session.role !== 'facilitator') {
      throw new CommandError(DojoErrorCode.facilitatorOnly, 'only a facilitator may run the kata');
    }
    const command = this.#parse(commandSchema, payload);
    const by: Actor = { userId: session.userId, name: session.name };
    switch (command.action) {
      case CommandAction.timerStart:
        this.#facilitation.start(by);
        break;
      case CommandAction.timerPause:
        this.#facilitation.pause(by);
        break;
      case CommandAction.timerResume:
        this.#facilitation.resume(by);
        break;
      case CommandAction.timerEnd:
        this.#facilitation.end(by);
        break;
      case CommandAction.rotate:
        this.#facilitation.rotate(by, 'manual');
        break;
      case CommandAction.setDriver:
        this.#facilitation.setDriver(command.userId, by);
        break;
      case CommandAction.remove:
        this.#remove(command.userId);
        break;
      case CommandAction.restoreFile:
        this.#restoreFile(command.path, session);
        break;
    }
  }

  /** Brings back a deleted file from the document's history, for everyone (facilitators only). */
  #restoreFile(path: string, by: Session): void {
    const change = this.#document.restoreFile(path);
    if (!change) {
      throw new CommandError(DojoErrorCode.nothingToRestore, `no deleted file ${JSON.stringify(path)} to restore`);
    }
    this.#persistChanges([change], null);
    this.#outgoing.push({ sender: '', changes: [change] });
    this.#scheduleFanout();
    this.#record('file_restored', by, { path });
  }

  #remove(userId: string): void {
    const sessions = this.#sessionsOf(userId);
    if (!sessions.length)
      throw new CommandError(DojoErrorCode.participantNotFound, `user ${userId} is not in the room`);
    this.#removedUsers.add(userId);
    this.#persistInOrder('removeParticipant', () =>
      this.#deps.store.removeParticipant(this.#tenantId, this.roomId as DojoId, userId as UserId),
    );
    for (const client of sessions) client.leave(DojoCloseCode.removed, 'removed by a facilitator');
  }

  // ------------------------------------------------------------------ settings

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
    const session = client.userData!;
    const welcome: Welcome = {
      protocolVersion: PROTOCOL_VERSION,
      sessionId: client.sessionId,
      userId: session.userId,
      role: session.role,
      color: session.color,
      relay: session.relay,
      chat: this.#chat,
      serverTime: this.#deps.clock.now(),
    };
    client.send(ServerMessage.welcome, welcome);
  }

  /** Room state, everyone's presence, and the first sync message of a fresh sync state. */
  #catchUp(client: DojoClient): void {
    client.send(ServerMessage.state, toSnapshot(this.state));
    client.send(ServerMessage.presence, this.#presence.snapshot());
    client.send(ServerMessage.runs, { runs: this.#testRuns.recent() });
    client.send(ServerMessage.voice, { action: VoiceAction.roster, members: this.#voice.members });
    this.#document.resetPeer(client.sessionId);
    const first = this.#document.generateSync(client.sessionId);
    if (first) client.sendBytes(ServerMessage.sync, first);
  }

  /** Saves timer, driver and rotation order (serialised with history writes, so the last save wins). */
  #saveFacilitation(): void {
    this.#facilitationDirty = false;
    const snapshot = this.#facilitation.snapshot();
    this.#persistInOrder('saveRoomState', () =>
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

  /**
   * The room's own writes (history, room state, removals), one after the other
   * so that they keep their order and the last state save wins. Each retries
   * through a database outage; only a write still failing after minutes is
   * logged and given up, so that it does not block later ones.
   */
  #persistInOrder(what: string, write: () => Promise<unknown>): void {
    this.#history = this.#history
      .then(() => retryStore(what, write, this.#log, backgroundRetry))
      .then(
        () => {},
        (error) => this.#log.error({ err: error, what }, 'a room write failed'),
      );
  }

  #announce(announcement: Announcement): void {
    this.broadcast(ServerMessage.announce, announcement);
  }

  #record(kind: HistoryKind, actor: Actor | null, data: Record<string, unknown>): void {
    const event: HistoryEvent = {
      dojoId: this.roomId as DojoId,
      tenantId: this.#tenantId,
      kind,
      userId: (actor?.userId as UserId | undefined) ?? null,
      name: actor?.name ?? null,
      data,
      at: this.#deps.clock.now(),
    };
    this.#persistInOrder(`history ${kind}`, () => this.#deps.store.appendHistory([event]));
  }

  #refuse(client: DojoClient, code: DojoErrorCode, message: string, ref?: string): void {
    this.#deps.metrics.refused.inc({ code });
    const error: ErrorMessage = { code, message, ...(ref ? { ref } : {}) };
    client.send(ServerMessage.error, error);
  }

  #binary(payload: unknown): Uint8Array {
    const bytes = asBytes(payload);
    if (!bytes) throw new CommandError(DojoErrorCode.malformedMessage, 'expected a binary payload');
    return bytes;
  }

  #parse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
    const result = schema.safeParse(payload);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new CommandError(
        DojoErrorCode.malformedMessage,
        issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload',
      );
    }
    return result.data;
  }

  /** True while any session of the user holds a seat (connected or reconnecting). */
  #hasSeat(userId: string): boolean {
    for (const participant of this.state.participants.values()) if (participant.userId === userId) return true;
    return false;
  }

  #sessionsOf(userId: string): DojoClient[] {
    return this.clients.filter((client) => client.userData?.userId === userId);
  }

  #armEmptyTimer(): void {
    clearTimeout(this.#emptyTimer);
    this.#emptyTimer = setTimeout(() => {
      if (this.clients.length > 0) return;
      // A client between matchmaking and its WebSocket holds a reserved seat: wait for it.
      if (this.#pendingSeats() > 0) this.#armEmptyTimer();
      else void this.disconnect();
    }, this.#deps.options.emptyGraceMs);
  }

  /** Seats reserved by matchmaking whose WebSocket has not joined yet (Colyseus hides joined ones from enumeration). */
  #pendingSeats(): number {
    return Object.keys((this as unknown as { _reservedSeats: Record<string, unknown> })._reservedSeats ?? {}).length;
  }

  #initialState(dojoId: string, settings: DojoSettings): DojoStateSchema {
    const state = new DojoStateSchema();
    state.dojoId = dojoId;
    state.timer = new TimerSchema();
    copySettings(state, settings);
    return state;
  }
}

/** The dojo's settings into the room state; a timer that has not started takes the new duration. */
function copySettings(state: DojoStateSchema, settings: RoomSettings): void {
  state.title = settings.title;
  state.language = settings.language;
  state.kataId = settings.kataId ?? '';
  state.editPolicy = settings.editPolicy;
  state.durationMinutes = settings.durationMinutes;
  state.rotationMinutes = settings.rotationMinutes;
  if (state.timer.status === 'idle') {
    state.timer.durationMs = settings.durationMinutes * 60_000;
    state.timer.remainingMs = state.timer.durationMs;
  }
}

const toChatMessage = (event: StoredHistoryEvent): ChatMessage => ({
  id: String(event.data.chatId ?? event.id),
  userId: event.userId ?? '',
  name: event.name ?? '',
  text: String(event.data.text ?? ''),
  at: event.at,
});

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
