import { colorFor } from './colors.ts';
import type { Session } from './session.ts';
import { type DojoStateSchema, ParticipantSchema } from './state.ts';

/**
 * Who is in the room, on its state: one participant per session (a person
 * with two tabs is listed twice), each person with one colour for the room's
 * lifetime. A session stays listed while it reconnects.
 */
export class Roster {
  readonly #state: DojoStateSchema;
  readonly #colors = new Map<string, string>();

  constructor(state: DojoStateSchema) {
    this.#state = state;
  }

  /** `userId`'s colour in this room (the next free one on their first arrival). */
  colorOf(userId: string): string {
    let color = this.#colors.get(userId);
    if (!color) {
      color = colorFor(this.#colors.size);
      this.#colors.set(userId, color);
    }
    return color;
  }

  /** Lists a new connected session (seats are assigned by Facilitation). */
  add(sessionId: string, session: Session): void {
    const { userId, name, role, color } = session;
    this.#state.participants.set(
      sessionId,
      new ParticipantSchema({ sessionId, userId, name, role, seat: 'navigator', connection: 'connected', color }),
    );
  }

  remove(sessionId: string): void {
    this.#state.participants.delete(sessionId);
  }

  /** True while any session of the user is listed (connected or reconnecting). */
  has(userId: string): boolean {
    for (const participant of this.#state.participants.values()) if (participant.userId === userId) return true;
    return false;
  }

  /** The users with a listed session. */
  users(): string[] {
    return [...new Set([...this.#state.participants.values()].map((participant) => participant.userId))];
  }

  /** The sessions of `userId` waiting to reconnect. */
  reconnecting(userId: string): string[] {
    return [...this.#state.participants.values()]
      .filter((participant) => participant.userId === userId && participant.connection === 'reconnecting')
      .map((participant) => participant.sessionId);
  }
}
