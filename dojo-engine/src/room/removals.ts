import { DojoCloseCode, DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { CommandError } from './command-error.ts';
import type { DojoClient } from './session.ts';
import type { SessionLog } from './session-log.ts';

/**
 * The people a facilitator removed from the dojo: their sessions are closed
 * with 4003 and they are refused on every later join, the room's next
 * incarnations included (stored with the dojo).
 */
export class Removals {
  readonly #removed: Set<string>;
  readonly #log: SessionLog;
  readonly #store: DojoStore;
  readonly #tenantId: TenantId;
  readonly #dojoId: DojoId;

  constructor(options: {
    removed: Iterable<string>;
    log: SessionLog;
    store: DojoStore;
    tenantId: TenantId;
    dojoId: DojoId;
  }) {
    this.#removed = new Set(options.removed);
    this.#log = options.log;
    this.#store = options.store;
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
  }

  has(userId: string): boolean {
    return this.#removed.has(userId);
  }

  /** Removes `userId`, whose sessions in the room are `sessions`; throws when they have none. */
  remove(userId: string, sessions: readonly DojoClient[]): void {
    if (!sessions.length)
      throw new CommandError(DojoErrorCode.participantNotFound, `user ${userId} is not in the room`);
    this.#removed.add(userId);
    this.#log.write('removeParticipant', () =>
      this.#store.removeParticipant(this.#tenantId, this.#dojoId, userId as UserId),
    );
    for (const client of sessions) client.leave(DojoCloseCode.removed, 'removed by a facilitator');
  }
}
