/**
 * `npm run vectors -w dojo-engine`: writes docs/protocol-vectors.json, the dojo wire protocol
 * (docs/protocol.md) as bytes beside their meaning, for the native clients' tests (Kotlin, Swift).
 *
 * The bytes are made by the code that makes them in production: Colyseus's own frame builders
 * (`getMessageBytes`, the server's msgpackr settings), the catalogue in common/src/dojo-protocol
 * (type names, error and close codes, `changes` framing) and Automerge 3 with a fixed actor and
 * time, so a run is deterministic and `protocol-vectors.test.ts` can tell a stale file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as A from '@automerge/automerge';
import { getMessageBytes, Protocol } from '@colyseus/core';
import { encodeChanges } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import { DojoCloseCode, DojoErrorCode, MatchmakeStatus } from '@pocdojo/common/contracts/dojo-protocol/errors';
import {
  type Announcement,
  type ChatMessage,
  ClientMessage,
  CommandAction,
  DOJO_ROOM_NAME,
  PROTOCOL_VERSION,
  type PresenceBatch,
  type RoomSnapshot,
  ServerMessage,
  type TestRun,
  type Welcome,
} from '@pocdojo/common/contracts/dojo-protocol/messages';
import { VoiceAction, type VoiceMember } from '@pocdojo/common/contracts/dojo-protocol/voice';
import { Packr } from 'msgpackr';

export const VECTORS_FILE = join(import.meta.dirname, '..', '..', 'docs', 'protocol-vectors.json');

type Direction = 'client→server' | 'server→client';

export interface ProtocolVector {
  name: string;
  /** frame: a Colyseus frame without dojo payload; message: a dojo message in its frame; changes: a `changes` payload alone;
   * headerString / headerNumber: Colyseus header encodings; closeCode: a WebSocket close code (hex = the close frame's
   * 2-byte status, big-endian); matchmake: an HTTP body (hex = its UTF-8 bytes). */
  kind: 'frame' | 'message' | 'changes' | 'headerString' | 'headerNumber' | 'closeCode' | 'matchmake';
  direction?: Direction;
  hex: string;
  decoded: Record<string, unknown>;
}

export interface ProtocolVectors {
  version: 1;
  colyseus: '0.18';
  protocolVersion: number;
  vectors: ProtocolVector[];
}

const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes as Uint8Array).toString('hex');

// Fixed identities and clock so every run produces the same bytes.
const ACTOR_SERVER = '5e12e7e1000000000000000000000001';
const ACTOR_CLIENT = 'c11e472000000000000000000000000a';
const USER_ADA = '0a0a0a0a-0000-4000-8000-00000000000a';
const USER_BOB = '0b0b0b0b-0000-4000-8000-00000000000b';
const AT = 1_764_625_000_000; // 2025-12-01T21:36:40Z: beyond 2^32, so msgpackr writes float64 like every timestamp.
const AT_FRACTION = 1_764_625_000_123.5; // the server clock may carry sub-millisecond time

/** The documents behind the binary vectors: the server's starter document and a client's keystroke on it. */
function documents() {
  const server = A.change(A.init<{ files: Record<string, string> }>({ actor: ACTOR_SERVER }), { time: 0 }, (doc) => {
    doc.files = { 'fizzbuzz.ts': 'export {}\n' };
  });
  const client = A.change(
    A.load<{ files: Record<string, string> }>(A.save(server), { actor: ACTOR_CLIENT }),
    { time: 0 },
    (doc) => {
      A.splice(doc.files, ['fizzbuzz.ts'], 0, 0, '// ');
    },
  );
  const keystroke = A.getLastLocalChange(client)!;
  const second = A.change(client, { time: 0 }, (doc) => {
    A.splice(doc.files, ['fizzbuzz.ts'], 3, 0, 'k');
  });
  // The server's first sync message to a client that starts from an empty document.
  const [, firstSync] = A.generateSyncMessage(server, A.initSyncState());
  // A client's reply from an empty document after receiving it.
  const [, clientState] = A.receiveSyncMessage(A.init({ actor: ACTOR_CLIENT }), A.initSyncState(), firstSync!);
  const [, clientSync] = A.generateSyncMessage(A.init({ actor: ACTOR_CLIENT }), clientState);
  return {
    serverSave: A.save(server),
    serverText: server.files['fizzbuzz.ts']!,
    keystroke,
    second: A.getLastLocalChange(second)!,
    afterKeystrokes: second.files['fizzbuzz.ts']!,
    firstSync: firstSync!,
    clientSync: clientSync!,
  };
}

/**
 * Client payloads in canonical MessagePack (smallest header for every map, string and integer), which is what
 * msgpack-core and MessagePack for Swift write: a native client's bytes equal the vector's. Server payloads are
 * what the server sends (msgpackr writes every map with a map16 header); clients decode either.
 */
const canonical = new Packr({ useRecords: false, variableMapSize: true });

function roomData(name: string, direction: Direction, type: string, payload: unknown, note?: string): ProtocolVector {
  const bytes =
    direction === 'client→server'
      ? Buffer.concat([getMessageBytes.raw(Protocol.ROOM_DATA, type), canonical.pack(payload)])
      : getMessageBytes.raw(Protocol.ROOM_DATA, type, payload);
  return {
    name,
    kind: 'message',
    direction,
    hex: hex(bytes),
    decoded: { frame: 'ROOM_DATA', code: Protocol.ROOM_DATA, type, payload, ...(note ? { note } : {}) },
  };
}

function roomDataBytes(
  name: string,
  direction: Direction,
  type: string,
  bytes: Uint8Array,
  extra: Record<string, unknown> = {},
): ProtocolVector {
  return {
    name,
    kind: 'message',
    direction,
    hex: hex(getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, type, undefined, bytes)),
    decoded: { frame: 'ROOM_DATA_BYTES', code: Protocol.ROOM_DATA_BYTES, type, payloadHex: hex(bytes), ...extra },
  };
}

function frames(): ProtocolVector[] {
  const handshake = Uint8Array.of(0x80, 0x01, 0xff);
  return [
    {
      name: 'join_room',
      kind: 'frame',
      direction: 'server→client',
      hex: hex(getMessageBytes[Protocol.JOIN_ROOM]('rt-0123456789', 'schema', handshake)),
      decoded: {
        frame: 'JOIN_ROOM',
        code: Protocol.JOIN_ROOM,
        reconnectionToken: 'rt-0123456789',
        serializerId: 'schema',
        handshakeHex: hex(handshake),
        note: 'skip the handshake bytes (Colyseus schema reflection) and any tagged sections after them',
      },
    },
    {
      name: 'join_room_reconnection',
      kind: 'frame',
      direction: 'server→client',
      hex: hex(getMessageBytes[Protocol.JOIN_ROOM]('rt-0123456789', 'schema')),
      decoded: {
        frame: 'JOIN_ROOM',
        code: Protocol.JOIN_ROOM,
        reconnectionToken: 'rt-0123456789',
        serializerId: 'schema',
        handshakeHex: '',
        note: 'after a reconnection with skipHandshake=true: no handshake bytes',
      },
    },
    {
      name: 'join_room_ack',
      kind: 'frame',
      direction: 'client→server',
      hex: hex([Protocol.JOIN_ROOM]),
      decoded: {
        frame: 'JOIN_ROOM',
        code: Protocol.JOIN_ROOM,
        note: 'the acknowledgement: one byte, sent on every JOIN_ROOM',
      },
    },
    {
      name: 'error_participant_removed',
      kind: 'frame',
      direction: 'server→client',
      hex: hex(
        getMessageBytes[Protocol.ERROR](
          MatchmakeStatus.participant_removed!,
          `${DojoErrorCode.participantRemoved}: a facilitator removed you from this dojo`,
        ),
      ),
      decoded: {
        frame: 'ERROR',
        code: Protocol.ERROR,
        status: MatchmakeStatus.participant_removed,
        message: `${DojoErrorCode.participantRemoved}: a facilitator removed you from this dojo`,
        errorCode: DojoErrorCode.participantRemoved,
        note: 'the socket closes with 4002 right after',
      },
    },
    {
      name: 'leave_room',
      kind: 'frame',
      direction: 'client→server',
      hex: hex([Protocol.LEAVE_ROOM]),
      decoded: { frame: 'LEAVE_ROOM', code: Protocol.LEAVE_ROOM },
    },
    {
      name: 'ping_client',
      kind: 'frame',
      direction: 'client→server',
      hex: hex([Protocol.PING]),
      decoded: { frame: 'PING', code: Protocol.PING },
    },
    {
      name: 'ping_server',
      kind: 'frame',
      direction: 'server→client',
      hex: hex(getMessageBytes[Protocol.PING]()),
      decoded: { frame: 'PING', code: Protocol.PING },
    },
    {
      name: 'room_state',
      kind: 'frame',
      direction: 'server→client',
      hex: hex(getMessageBytes[Protocol.ROOM_STATE]([0x80, 0x01])),
      decoded: { frame: 'ROOM_STATE', code: Protocol.ROOM_STATE, note: 'Colyseus schema; native clients ignore it' },
    },
    {
      name: 'room_state_patch',
      kind: 'frame',
      direction: 'server→client',
      hex: hex([Protocol.ROOM_STATE_PATCH, 0xff, 0x01]),
      decoded: {
        frame: 'ROOM_STATE_PATCH',
        code: Protocol.ROOM_STATE_PATCH,
        note: 'Colyseus schema; native clients ignore it',
      },
    },
  ];
}

function headers(): ProtocolVector[] {
  const strings = ['', 'sync', 'x'.repeat(31), 'y'.repeat(40), 'z'.repeat(300), 'ação'];
  const numbers = [0, 1, 127, 128, 255, 256, 65_535, 65_536, 4002, -1, -32, -33, -200, -40_000, -3_000_000_000, 0.5];
  return [
    ...strings.map((text, index) => ({
      name: `header_string_${index}`,
      kind: 'headerString' as const,
      hex: hex(getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, text).subarray(1)),
      decoded: { value: text, note: 'Colyseus header string: little-endian lengths' },
    })),
    ...numbers.map((value) => ({
      name: `header_number_${value}`,
      kind: 'headerNumber' as const,
      hex: hex(getMessageBytes[Protocol.ERROR](value).subarray(1, -1)),
      decoded: { value, note: 'Colyseus header number: little-endian' },
    })),
  ];
}

function clientMessages(docs: ReturnType<typeof documents>): ProtocolVector[] {
  const c = 'client→server' as const;
  return [
    roomDataBytes('client_sync', c, ClientMessage.sync, docs.clientSync, {
      note: "a client's first reply (empty document) to the server's first sync",
    }),
    roomDataBytes('client_changes', c, ClientMessage.changes, encodeChanges([docs.keystroke, docs.second]), {
      changesHex: [hex(docs.keystroke), hex(docs.second)],
    }),
    roomData('client_presence_cursor', c, ClientMessage.presence, {
      file: 'fizzbuzz.ts',
      anchor: 3,
      head: 7,
      typing: true,
    }),
    roomData('client_presence_hidden', c, ClientMessage.presence, {
      file: null,
      anchor: null,
      head: null,
      typing: false,
    }),
    roomData('client_chat', c, ClientMessage.chat, { text: 'olá, dojo!' }),
    roomData('client_run', c, ClientMessage.run, {}),
    roomData('client_drive_request', c, ClientMessage.driveRequest, {}),
    roomData('client_drive_accept', c, ClientMessage.driveAccept, { userId: USER_BOB }),
    roomData('client_voice_join', c, ClientMessage.voice, { action: VoiceAction.join, muted: false }),
    roomData('client_voice_mute', c, ClientMessage.voice, { action: VoiceAction.mute, muted: true }),
    roomData('client_voice_leave', c, ClientMessage.voice, { action: VoiceAction.leave }),
    ...Object.entries(CommandAction).map(([key, action]) =>
      roomData(
        `client_command_${key}`,
        c,
        ClientMessage.command,
        action === CommandAction.setDriver || action === CommandAction.remove
          ? { action, userId: USER_BOB }
          : action === CommandAction.restoreFile
            ? { action, path: 'fizzbuzz.ts' }
            : { action },
      ),
    ),
  ];
}

function serverMessages(docs: ReturnType<typeof documents>): ProtocolVector[] {
  const s = 'server→client' as const;
  const chat: ChatMessage = {
    id: '1c1c1c1c-0000-4000-8000-000000000001',
    userId: USER_ADA,
    name: 'Ada',
    text: 'ready?',
    at: AT,
  };
  const welcome: Welcome = {
    protocolVersion: PROTOCOL_VERSION,
    sessionId: 'sess_Ada1',
    userId: USER_ADA,
    role: 'facilitator',
    color: '#e6194b',
    relay: false,
    chat: [chat],
    serverTime: AT_FRACTION,
  };
  const snapshot: RoomSnapshot = {
    dojoId: 'd0d0d0d0-0000-4000-8000-0000000000d0',
    title: 'FizzBuzz kata',
    language: 'typescript',
    kataId: 'fizzbuzz',
    editPolicy: 'driver',
    durationMinutes: 30,
    rotationMinutes: 5,
    driverUserId: USER_BOB,
    timer: {
      status: 'running',
      durationMs: 1_800_000,
      remainingMs: 1_800_000,
      endsAt: AT + 1_800_000,
      nextRotationAt: AT + 300_000,
    },
    participants: [
      {
        sessionId: 'sess_Ada1',
        userId: USER_ADA,
        name: 'Ada',
        role: 'facilitator',
        seat: 'observer',
        connection: 'connected',
        color: '#e6194b',
      },
      {
        sessionId: 'sess_Bob1',
        userId: USER_BOB,
        name: 'Bob',
        role: 'participant',
        seat: 'driver',
        connection: 'reconnecting',
        color: '#3cb44b',
      },
    ],
  };
  const idle: RoomSnapshot = {
    ...snapshot,
    editPolicy: 'everyone',
    kataId: '',
    driverUserId: '',
    timer: { status: 'idle', durationMs: 1_800_000, remainingMs: 1_800_000, endsAt: 0, nextRotationAt: 0 },
    participants: [],
  };
  const presence: PresenceBatch = {
    updates: [
      {
        file: 'fizzbuzz.ts',
        anchor: 3,
        head: 3,
        typing: false,
        sessionId: 'sess_Bob1',
        userId: USER_BOB,
        name: 'Bob',
        color: '#3cb44b',
      },
    ],
    removed: ['sess_Gone'],
  };
  const announcements: Array<[string, Announcement]> = [
    ['rotation', { kind: 'rotation', reason: 'manual', driverUserId: USER_BOB, driverName: 'Bob', at: AT }],
    ['timer_started', { kind: 'timer', status: 'running', remainingMs: 1_800_000, at: AT, byUserId: USER_ADA }],
    ['timer_ran_out', { kind: 'timer', status: 'ended', remainingMs: 0, at: AT, byUserId: null }],
    ['joined', { kind: 'joined', userId: USER_BOB, name: 'Bob', at: AT }],
    ['left', { kind: 'left', userId: USER_BOB, name: 'Bob', at: AT }],
    ['removed', { kind: 'removed', userId: USER_BOB, name: 'Bob', at: AT }],
  ];
  const queuedRun: TestRun = {
    runId: '2e2e2e2e-0000-4000-8000-000000000002',
    status: 'queued',
    language: 'typescript',
    byUserId: USER_BOB,
    byName: 'Bob',
    requestedAt: AT_FRACTION,
    startedAt: null,
    finishedAt: null,
    heads: [],
    colour: null,
    reason: null,
    summary: '',
    failingTests: [],
    output: '',
    outputTruncated: false,
    durationMs: null,
  };
  const redRun: TestRun = {
    ...queuedRun,
    status: 'done',
    startedAt: AT + 120,
    finishedAt: AT + 1_020,
    heads: ['7a3b1c0e5f0d4d0e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f'],
    colour: 'red',
    summary: '1 failed, 2 passed',
    failingTests: ['fizzBuzz › 15 is FizzBuzz'],
    output: 'not ok 3 - 15 is FizzBuzz',
    durationMs: 812,
  };
  const voiceMembers: VoiceMember[] = [
    { sessionId: 'sess_Ada1', userId: USER_ADA, name: 'Ada', muted: false, speaking: true },
    { sessionId: 'sess_Bob1', userId: USER_BOB, name: 'Bob', muted: true, speaking: false },
  ];
  return [
    roomData('server_welcome', s, ServerMessage.welcome, welcome, 'serverTime and at are MessagePack float64'),
    roomData(
      'server_state_running',
      s,
      ServerMessage.state,
      snapshot,
      'endsAt and nextRotationAt are MessagePack float64',
    ),
    roomData('server_state_idle', s, ServerMessage.state, idle),
    roomData('server_presence', s, ServerMessage.presence, presence),
    roomData('server_chat', s, ServerMessage.chat, chat),
    ...announcements.map(([name, payload]) => roomData(`server_announce_${name}`, s, ServerMessage.announce, payload)),
    roomData('server_run_queued', s, ServerMessage.run, queuedRun, 'requestedAt is MessagePack float64'),
    roomData('server_runs', s, ServerMessage.runs, { runs: [redRun] }, 'startedAt and finishedAt are float64'),
    roomData(
      'server_drive_requested',
      s,
      ServerMessage.driveRequested,
      { userId: USER_BOB, name: 'Bob', at: AT, expiresAt: AT + 120_000 },
      'at and expiresAt are float64',
    ),
    roomData('server_voice_roster', s, ServerMessage.voice, { action: VoiceAction.roster, members: voiceMembers }),
    roomData('server_voice_joined', s, ServerMessage.voice, {
      action: VoiceAction.joined,
      iceServers: [
        { urls: ['stun:turn.example.com:3478'] },
        {
          urls: ['turn:turn.example.com:3478?transport=udp'],
          username: `1700003600:${USER_ADA}`,
          credential: 'pDeGfpWvYzCJjZq4n1sHFpd6V1Q=',
        },
      ],
      members: voiceMembers.slice(1),
    }),
    roomData('server_voice_signal', s, ServerMessage.voice, {
      action: VoiceAction.signal,
      from: 'sess_Bob1',
      signal: { type: 'offer', sdp: 'v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' },
    }),
    ...Object.values(DojoErrorCode).map((code) =>
      roomData(`server_error_${code}`, s, ServerMessage.error, {
        code,
        message: `example message for ${code}`,
        ...(code === DojoErrorCode.editForbidden ? { ref: ClientMessage.sync } : {}),
      }),
    ),
    roomDataBytes('server_sync', s, ServerMessage.sync, docs.firstSync, {
      note: 'the first sync after welcome, from a document holding the starter files',
    }),
    roomDataBytes('server_changes', s, ServerMessage.changes, encodeChanges([docs.keystroke, docs.second]), {
      changesHex: [hex(docs.keystroke), hex(docs.second)],
      document: { files: { 'fizzbuzz.ts': docs.afterKeystrokes } },
      note: 'applied on top of server_reset, the document reads `document`',
    }),
    roomDataBytes('server_reset', s, ServerMessage.reset, docs.serverSave, {
      document: { files: { 'fizzbuzz.ts': docs.serverText } },
    }),
  ];
}

function changesPayloads(docs: ReturnType<typeof documents>): ProtocolVector[] {
  const big = new Uint8Array(200).fill(7);
  return [
    {
      name: 'changes_one',
      kind: 'changes',
      hex: hex(encodeChanges([docs.keystroke])),
      decoded: { changesHex: [hex(docs.keystroke)] },
    },
    {
      name: 'changes_two_byte_length',
      kind: 'changes',
      hex: hex(encodeChanges([big, Uint8Array.of(1)])),
      decoded: { changesHex: [hex(big), '01'], note: 'a 200-byte change: its length is the LEB128 varint c8 01' },
    },
  ];
}

function closeCodes(): ProtocolVector[] {
  const action: Record<string, string> = {
    normal: 'none',
    abnormal: 'reconnect with the reconnection token',
    consented: 'none',
    serverShutdown: 'matchmake again with a new ticket',
    withError: 'do not retry blindly: fix the client',
    failedToReconnect: 'matchmake again with a new ticket',
    mayTryReconnect: 'reconnect with the reconnection token',
    removed: 'do not rejoin',
    protocolViolation: 'do not retry blindly',
  };
  return Object.entries(DojoCloseCode).map(([name, code]) => ({
    name: `close_${name}`,
    kind: 'closeCode' as const,
    hex: hex([code >> 8, code & 0xff]),
    decoded: { code, name, action: action[name] },
  }));
}

function matchmaking(): ProtocolVector[] {
  const body = (value: unknown) => hex(Buffer.from(JSON.stringify(value)));
  const request = { ticket: '<dojo ticket jwt>', protocolVersion: PROTOCOL_VERSION, relay: false };
  const seat = {
    name: DOJO_ROOM_NAME,
    sessionId: 'sess_Ada1',
    roomId: 'd0d0d0d0-0000-4000-8000-0000000000d0',
    processId: 'proc_1',
    publicAddress: '127.0.0.1:2567',
  };
  const refused = { code: 401, error: `${DojoErrorCode.ticketExpired}: the ticket has expired` };
  return [
    {
      name: 'matchmake_request',
      kind: 'matchmake',
      direction: 'client→server',
      hex: body(request),
      decoded: { method: 'POST', path: `/matchmake/joinOrCreate/${DOJO_ROOM_NAME}`, httpVersion: '1.1', body: request },
    },
    {
      name: 'matchmake_seat',
      kind: 'matchmake',
      direction: 'server→client',
      hex: body(seat),
      decoded: {
        status: 200,
        body: seat,
        webSocket: `ws://${seat.publicAddress}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`,
        reconnect: `ws://${seat.publicAddress}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}&reconnectionToken=rt-0123456789&skipHandshake=true`,
      },
    },
    {
      name: 'matchmake_refused',
      kind: 'matchmake',
      direction: 'server→client',
      hex: body(refused),
      decoded: { status: 401, body: refused, errorCode: DojoErrorCode.ticketExpired },
    },
  ];
}

/** Every vector, deterministic. */
export function buildProtocolVectors(): ProtocolVectors {
  const docs = documents();
  return {
    version: 1,
    colyseus: '0.18',
    protocolVersion: PROTOCOL_VERSION,
    vectors: [
      ...frames(),
      ...headers(),
      ...clientMessages(docs),
      ...serverMessages(docs),
      ...changesPayloads(docs),
      ...closeCodes(),
      ...matchmaking(),
    ],
  };
}

export function renderProtocolVectors(): string {
  return `${JSON.stringify(buildProtocolVectors(), null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(VECTORS_FILE, renderProtocolVectors());
  console.log(`wrote ${VECTORS_FILE}`);
}
