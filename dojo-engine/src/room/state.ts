import { type SchemaType, schema, t } from '@colyseus/schema';
import type { ParticipantState, RoomSnapshot } from '@pocdojo/common/contracts/dojo-protocol/messages';

/**
 * The room state Colyseus synchronises to every client (docs/protocol.md §State).
 * Field names and meanings match DojoRoomState in @pocdojo/common/contracts/dojo-protocol.
 */
export const ParticipantSchema = schema(
  {
    sessionId: t.string(),
    userId: t.string(),
    name: t.string(),
    /** 'facilitator' | 'participant' */
    role: t.string(),
    /** 'driver' | 'navigator' | 'observer' */
    seat: t.string(),
    /** 'connected' | 'reconnecting' */
    connection: t.string(),
    color: t.string(),
  },
  'Participant',
);
export type ParticipantSchema = SchemaType<typeof ParticipantSchema>;

export const TimerSchema = schema(
  {
    /** 'idle' | 'running' | 'paused' | 'ended' */
    status: t.string().default('idle'),
    durationMs: t.number().default(0),
    remainingMs: t.number().default(0),
    endsAt: t.number().default(0),
    nextRotationAt: t.number().default(0),
  },
  'Timer',
);
export type TimerSchema = SchemaType<typeof TimerSchema>;

export const DojoStateSchema = schema(
  {
    dojoId: t.string(),
    title: t.string(),
    language: t.string(),
    kataId: t.string().default(''),
    /** 'driver' | 'everyone' */
    editPolicy: t.string(),
    durationMinutes: t.number(),
    rotationMinutes: t.number(),
    driverUserId: t.string().default(''),
    timer: t.ref(TimerSchema),
    participants: t.map(ParticipantSchema),
  },
  'DojoState',
);
export type DojoStateSchema = SchemaType<typeof DojoStateSchema>;

/** The room state as plain data, for the `state` message. */
export function toSnapshot(state: DojoStateSchema): RoomSnapshot {
  const timer = state.timer;
  return {
    dojoId: state.dojoId,
    title: state.title,
    language: state.language,
    kataId: state.kataId,
    editPolicy: state.editPolicy as RoomSnapshot['editPolicy'],
    durationMinutes: state.durationMinutes,
    rotationMinutes: state.rotationMinutes,
    driverUserId: state.driverUserId,
    timer: {
      status: timer.status as RoomSnapshot['timer']['status'],
      durationMs: timer.durationMs,
      remainingMs: timer.remainingMs,
      endsAt: timer.endsAt,
      nextRotationAt: timer.nextRotationAt,
    },
    participants: [...state.participants.values()].map(
      (p): ParticipantState => ({
        sessionId: p.sessionId,
        userId: p.userId,
        name: p.name,
        role: p.role as ParticipantState['role'],
        seat: p.seat as ParticipantState['seat'],
        connection: p.connection as ParticipantState['connection'],
        color: p.color,
      }),
    ),
  };
}
