import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import type { Logger } from '@pocdojo/common/logger';
import type { DojoStore, HistoryEvent, HistoryKind } from '../persistence/dojo-store.ts';
import { backgroundRetry, retryStore } from '../persistence/store-retry.ts';
import type { Clock } from '../time/clock.ts';
import type { Actor } from './facilitation.ts';

/**
 * The room's own writes — the session's history events, its saved room state,
 * removals, actor bindings — one after the other, so that they keep their
 * order and the last state save wins. Each retries through a database outage;
 * only a write still failing after minutes is logged and given up, so that it
 * does not block later ones.
 */
export class SessionLog {
  readonly #tenantId: TenantId;
  readonly #dojoId: DojoId;
  readonly #store: DojoStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  #tail: Promise<void> = Promise.resolve();

  constructor(options: { tenantId: TenantId; dojoId: DojoId; store: DojoStore; clock: Clock; logger: Logger }) {
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.logger;
  }

  /** Queues `write` after every earlier one (`what` names it in logs). */
  write(what: string, write: () => Promise<unknown>): void {
    this.#tail = this.#tail
      .then(() => retryStore(what, write, this.#log, backgroundRetry))
      .then(
        () => {},
        (error) => this.#log.error({ err: error, what }, 'a room write failed'),
      );
  }

  /** Appends a history event of the session, done now by `actor` (null: the room itself). */
  record(kind: HistoryKind, actor: Actor | null, data: Record<string, unknown>): void {
    const event: HistoryEvent = {
      dojoId: this.#dojoId,
      tenantId: this.#tenantId,
      kind,
      userId: (actor?.userId as UserId | undefined) ?? null,
      name: actor?.name ?? null,
      data,
      at: this.#clock.now(),
    };
    this.write(`history ${kind}`, () => this.#store.appendHistory([event]));
  }

  /** Settles when every write queued so far has (the room's final save waits for it). */
  settled(): Promise<void> {
    return this.#tail;
  }
}
