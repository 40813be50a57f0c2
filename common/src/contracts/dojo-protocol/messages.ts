import { z } from 'zod';
import type { DojoRole, EditPolicy } from '../vocabularies.ts';
import type { DojoErrorCode } from './errors.ts';

/**
 * The dojo wire protocol, version 1 (docs/protocol.md). Shared by dojo-engine
 * and the web app; the native apps follow docs/protocol.md, written from this file.
 * Bump PROTOCOL_VERSION on any incompatible change to a message or state field.
 */
export const PROTOCOL_VERSION = 1;

/** The Colyseus room name every client joins. */
export const DOJO_ROOM_NAME = 'dojo';

/** Size and rate limits the server enforces; clients should stay below them. */
export const Limits = {
  /** Largest `sync` message accepted (bytes). */
  syncBytes: 1_048_576,
  /** Largest `changes` message accepted (bytes, all changes together). */
  changesBytes: 262_144,
  /** Most changes in one `changes` message. */
  changesPerMessage: 512,
  /** Largest saved document (bytes); changes growing it further are refused. */
  documentBytes: 8_388_608,
  /** How long a fast-path change may wait for its dependencies before it is refused (`missing_dependencies`). */
  dependencyWaitMs: 5000,
  /** Chat text length, in UTF-16 code units after trimming. */
  chatChars: 2000,
  /** Chat messages allowed per client per `chatWindowMs`. */
  chatBurst: 5,
  chatWindowMs: 10_000,
  /** Largest file path in presence and documents. */
  pathChars: 200,
  /**
   * Presence updates are coalesced and broadcast at most once per interval (ms),
   * or sooner together with a keystroke's changes (in the same socket write).
   * Presence is most of what a room sends: 100 ms rather than 50 ms cut the
   * engine's writes per keystroke (dojo-engine/bench/README.md).
   */
  presenceIntervalMs: 100,
  /** Chat messages sent in `welcome` (the latest ones). */
  chatHistory: 100,
  /** Test runs one user may request per `runWindowMs` (coalesced requests count too). */
  runBurst: 3,
  runWindowMs: 20_000,
  /** Test runs sent in `runs` on joining (the latest ones). */
  runHistory: 50,
  /** A run the kata runner has not answered within this time ends amber (`runner-error`). */
  runResultTimeoutMs: 60_000,
  /** `drive.request` allowed per user per `driveRequestWindowMs`. */
  driveRequestBurst: 1,
  driveRequestWindowMs: 15_000,
  /** How long a request to drive may be accepted (ms); the driver changing clears every request. */
  driveRequestTtlMs: 120_000,
} as const;

/** Client → server message types. */
export const ClientMessage = {
  /** binary: an Automerge sync message (generateSyncMessage). */
  sync: 'sync',
  /** binary: Automerge changes framed by encodeChanges (fast path for keystrokes). */
  changes: 'changes',
  /** msgpack: PresenceUpdate. */
  presence: 'presence',
  /** msgpack: ChatSend. */
  chat: 'chat',
  /** msgpack: Command (facilitator only). */
  command: 'command',
  /** msgpack: RunTests, run the kata's tests on the document as it is now (driver, or anyone under "everyone"; facilitators). */
  run: 'run',
  /** msgpack: DriveRequest, a navigator asks for the keyboard. */
  driveRequest: 'drive.request',
  /** msgpack: DriveAccept, the driver or a facilitator hands the keyboard to someone who asked. */
  driveAccept: 'drive.accept',
  /** msgpack: VoiceRequest (voice.ts): join, leave, mute, speaking, or a WebRTC signal to one session. */
  voice: 'voice',
} as const;
export type ClientMessage = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Server → client message types. */
export const ServerMessage = {
  /** msgpack: Welcome, once after joining (and after each reconnection). */
  welcome: 'welcome',
  /** binary: an Automerge sync message for this client's sync state. */
  sync: 'sync',
  /** binary: other clients' changes framed by encodeChanges (only to clients that joined with `relay: true`). */
  changes: 'changes',
  /** binary: the whole authoritative document (Automerge save()); replace the local document and sync state. */
  reset: 'reset',
  /** msgpack: PresenceBatch. */
  presence: 'presence',
  /** msgpack: ChatMessage. */
  chat: 'chat',
  /** msgpack: Announcement. */
  announce: 'announce',
  /** msgpack: ErrorMessage. */
  error: 'error',
  /**
   * msgpack: RoomSnapshot, the whole room state as plain data, sent after `welcome` and
   * whenever it changes (at most every presenceIntervalMs). For clients that do not
   * decode Colyseus schema patches (native apps); the web app may use either.
   */
  state: 'state',
  /** msgpack: TestRun, a test run that was queued, started or finished; to everyone in the room. */
  run: 'run',
  /** msgpack: TestRunList, the room's latest test runs, sent after `welcome` (and after each reconnection). */
  runs: 'runs',
  /** msgpack: DriveRequested, someone asked to drive; to everyone in the room (the driver and facilitators may accept). */
  driveRequested: 'drive.requested',
  /** msgpack: VoiceEvent (voice.ts): joined, the voice roster, or a WebRTC signal from one session. */
  voice: 'voice',
} as const;
export type ServerMessage = (typeof ServerMessage)[keyof typeof ServerMessage];

// ---------------------------------------------------------------- join

/** Options of `joinOrCreate("dojo", options)`. */
export const joinOptionsSchema = z.object({
  /** The dojo ticket from `POST /v1/dojos/:id/tickets`. */
  ticket: z.string().min(1).max(32_768),
  /** The protocol version the client speaks; defaults to 1. */
  protocolVersion: z.number().int().positive().optional(),
  /** true: receive other clients' changes as `changes` (fast path) instead of pushed `sync` messages. */
  relay: z.boolean().optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

// ---------------------------------------------------------------- client → server payloads

const path = z.string().min(1).max(Limits.pathChars);
const offset = z.number().int().min(0).max(100_000_000);

/** `presence`: where this client's cursor is. `file: null` hides the cursor. */
export const presenceUpdateSchema = z.strictObject({
  file: path.nullable(),
  /** Selection anchor and head as character offsets in the file's text; equal for a bare cursor. */
  anchor: offset.nullable(),
  head: offset.nullable(),
  typing: z.boolean(),
});
export type PresenceUpdate = z.infer<typeof presenceUpdateSchema>;

/** `chat`: a message to everyone in the room. */
export const chatSendSchema = z.strictObject({
  text: z
    .string()
    .transform((text) => text.trim())
    .pipe(z.string().min(1).max(Limits.chatChars)),
});
export type ChatSend = z.infer<typeof chatSendSchema>;

/** Facilitation commands, tagged by `action`. */
export const CommandAction = {
  timerStart: 'timer.start',
  /** Bring back a deleted file, with its last text before the deletion. */
  restoreFile: 'file.restore',
  timerPause: 'timer.pause',
  timerResume: 'timer.resume',
  timerEnd: 'timer.end',
  rotate: 'rotate',
  setDriver: 'driver.set',
  remove: 'participant.remove',
} as const;
export type CommandAction = (typeof CommandAction)[keyof typeof CommandAction];

const userId = z.uuid();
export const commandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal(CommandAction.timerStart) }),
  z.strictObject({ action: z.literal(CommandAction.timerPause) }),
  z.strictObject({ action: z.literal(CommandAction.timerResume) }),
  z.strictObject({ action: z.literal(CommandAction.timerEnd) }),
  z.strictObject({ action: z.literal(CommandAction.rotate) }),
  z.strictObject({ action: z.literal(CommandAction.setDriver), userId }),
  z.strictObject({ action: z.literal(CommandAction.remove), userId }),
  z.strictObject({ action: z.literal(CommandAction.restoreFile), path: z.string().min(1).max(Limits.pathChars) }),
]);
export type Command = z.infer<typeof commandSchema>;

/** `run`: no fields; the run is of the whole document, in the dojo's language, at the heads the server has. */
export const runTestsSchema = z.strictObject({});
export type RunTests = z.infer<typeof runTestsSchema>;

/** `drive.request`: no fields; the sender asks to become the driver. */
export const driveRequestSchema = z.strictObject({});
export type DriveRequest = z.infer<typeof driveRequestSchema>;

/** `drive.accept`: hand the keyboard to `userId`, who asked for it. */
export const driveAcceptSchema = z.strictObject({ userId: z.uuid() });
export type DriveAccept = z.infer<typeof driveAcceptSchema>;

// ---------------------------------------------------------------- server → client payloads

/** The dojo's roles and edit policies are vocabularies every client shares (contracts/vocabularies.ts). */
export { type DojoRole, DojoRoles, EditPolicies, type EditPolicy } from '../vocabularies.ts';

export const Seats = ['driver', 'navigator', 'observer'] as const;
export type Seat = (typeof Seats)[number];

export const ConnectionStates = ['connected', 'reconnecting'] as const;
export type ConnectionState = (typeof ConnectionStates)[number];

export const TimerStatuses = ['idle', 'running', 'paused', 'ended'] as const;
export type TimerStatus = (typeof TimerStatuses)[number];

export interface ChatMessage {
  id: string;
  userId: string;
  name: string;
  text: string;
  /** Epoch milliseconds (server clock). */
  at: number;
}

export interface Welcome {
  protocolVersion: number;
  sessionId: string;
  userId: string;
  role: DojoRole;
  color: string;
  relay: boolean;
  /** The latest chat messages, oldest first. */
  chat: ChatMessage[];
  /** Server clock (epoch ms) when sent, to correct timer display for clock skew. */
  serverTime: number;
}

export interface PresenceEntry extends PresenceUpdate {
  sessionId: string;
  userId: string;
  name: string;
  color: string;
}

/** `presence`: the latest presence of every client that changed since the last batch. */
export interface PresenceBatch {
  updates: PresenceEntry[];
  /** Sessions whose presence is gone (left the room). */
  removed: string[];
}

export const AnnouncementKind = {
  rotation: 'rotation',
  timer: 'timer',
  joined: 'joined',
  left: 'left',
  removed: 'removed',
} as const;
export type AnnouncementKind = (typeof AnnouncementKind)[keyof typeof AnnouncementKind];

export type Announcement =
  | {
      kind: 'rotation';
      reason: 'auto' | 'manual' | 'driver_left';
      driverUserId: string;
      driverName: string;
      at: number;
    }
  | { kind: 'timer'; status: TimerStatus; remainingMs: number; at: number; byUserId: string | null }
  | { kind: 'joined' | 'left' | 'removed'; userId: string; name: string; at: number };

/** `drive.requested`: `userId` asked to drive at `at`; acceptable until `expiresAt` or until the driver changes. */
export interface DriveRequested {
  userId: string;
  name: string;
  at: number;
  expiresAt: number;
}

/** A test run's traffic light: red (tests fail), amber (no verdict: see `reason`), green (tests pass). */
export type RunColour = 'red' | 'amber' | 'green';

/**
 * One test run, as the room broadcasts it: `queued` (another run is in progress; this one starts after it,
 * with the document as it is then), `running` (sent to the runner with `heads`), `done` (with its light).
 */
export interface TestRun {
  runId: string;
  status: 'queued' | 'running' | 'done';
  language: string;
  /** Who pressed Run (the last of the coalesced requests' first requester). */
  byUserId: string;
  byName: string;
  /** Epoch ms (server clock). */
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Automerge heads of the document the tests ran against; empty while queued. */
  heads: string[];
  /** Present when done. */
  colour: RunColour | null;
  /** Why the run is amber: compile-error, no-tests, timeout, cpu-limit, memory-limit, process-limit, output-limit, file-size-limit, write-refused, network-refused, runner-error. */
  reason: string | null;
  summary: string;
  failingTests: string[];
  /** The test output, head and tail, at most 16 KiB. */
  output: string;
  outputTruncated: boolean;
  /** Time the tests ran in the sandbox (ms). */
  durationMs: number | null;
}

/** `runs`: the latest test runs, oldest first. */
export interface TestRunList {
  runs: TestRun[];
}

export interface ErrorMessage {
  code: DojoErrorCode;
  message: string;
  /** The client message type that caused the error, when there is one. */
  ref?: string;
}

// ---------------------------------------------------------------- room state (Colyseus schema)

/** One connected (or reconnecting) client, keyed by sessionId in `participants`. */
export interface ParticipantState {
  sessionId: string;
  userId: string;
  name: string;
  role: DojoRole;
  seat: Seat;
  connection: ConnectionState;
  color: string;
}

export interface TimerState {
  status: TimerStatus;
  durationMs: number;
  /** Remaining time when not running; at the last transition when running. */
  remainingMs: number;
  /** Epoch ms when a running timer reaches zero; 0 otherwise. */
  endsAt: number;
  /** Epoch ms of the next automatic rotation while running; 0 otherwise. */
  nextRotationAt: number;
}

/** The `state` message: the same fields as DojoRoomState, participants as a list. */
export interface RoomSnapshot extends Omit<DojoRoomState, 'participants'> {
  participants: ParticipantState[];
}

/** The room state clients see (synchronised by Colyseus schema patches). */
export interface DojoRoomState {
  dojoId: string;
  title: string;
  language: string;
  kataId: string;
  editPolicy: EditPolicy;
  durationMinutes: number;
  rotationMinutes: number;
  driverUserId: string;
  timer: TimerState;
  participants: Map<string, ParticipantState>;
}
