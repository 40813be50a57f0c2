import type { UserId } from '@pocdojo/common/contracts/ids';
import { decodeChange } from '../document/decoded-changes.ts';
import type { ActorBinding, ChangeMeta } from '../persistence/timeline.ts';

/**
 * One room's record of whose changes are whose, for the replay timeline.
 *
 * An Automerge actor is bound to a user when the room first accepts a change
 * of that actor from one of the user's sessions (the admission of the change):
 * a client cannot choose to appear as someone else, because the binding comes
 * from the verified ticket of the session that sent it, and the first binding
 * wins for good (a client relaying another actor's older changes after a
 * reconnection does not take that actor over). Changes the server makes itself
 * (a restored file) stay unbound.
 */
export class ActorLedger {
  readonly #bound = new Set<string>();

  /**
   * The timeline rows of changes accepted at `at` (epoch ms), and the actor
   * bindings they reveal (to persist). `from` is the sending session's user, or
   * null for the server's own changes.
   */
  admit(
    changes: readonly Uint8Array[],
    from: { userId: UserId | string; name: string } | null,
    at: number,
  ): { meta: ChangeMeta[]; bindings: ActorBinding[] } {
    const meta: ChangeMeta[] = [];
    const bindings: ActorBinding[] = [];
    for (const bytes of changes) {
      const { hash, actor, deps } = decodeChange(bytes);
      meta.push({ hash, actor, deps, at });
      if (from && !this.#bound.has(actor)) {
        this.#bound.add(actor);
        bindings.push({ actor, userId: from.userId as UserId, name: from.name });
      }
    }
    return { meta, bindings };
  }
}
