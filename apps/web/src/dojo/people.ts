import type { ParticipantState, PresenceEntry } from '@pocdojo/common/contracts/dojo-protocol';

/** One person in the room, however many sessions (tabs, a reconnecting socket) they have. */
export interface Person {
  userId: string;
  name: string;
  color: string;
  role: ParticipantState['role'];
  seat: ParticipantState['seat'];
  /** Connected when any of their sessions is; reconnecting only when all are. */
  connection: ParticipantState['connection'];
  typing: boolean;
  sessions: number;
  sessionIds: string[];
}

const seatRank = { driver: 0, navigator: 1, observer: 2 } as const;

/** The room's sessions grouped by person: the roster counts people, not sockets. */
export function peopleOf(participants: ParticipantState[], presence: PresenceEntry[]): Person[] {
  const byUser = new Map<string, Person>();
  for (const p of participants) {
    const typing = presence.some((entry) => entry.sessionId === p.sessionId && entry.typing);
    const known = byUser.get(p.userId);
    if (!known) {
      byUser.set(p.userId, { ...p, typing, sessions: 1, sessionIds: [p.sessionId] });
      continue;
    }
    known.sessions += 1;
    known.sessionIds.push(p.sessionId);
    known.typing ||= typing;
    if (p.connection === 'connected') known.connection = 'connected';
    if (seatRank[p.seat] < seatRank[known.seat]) known.seat = p.seat;
    if (p.role === 'facilitator') known.role = 'facilitator';
  }
  return [...byUser.values()].sort((a, b) => seatRank[a.seat] - seatRank[b.seat] || a.name.localeCompare(b.name));
}
