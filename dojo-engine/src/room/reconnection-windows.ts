import { Deferred } from '@colyseus/core';
import type { DojoClient } from './session.ts';

/**
 * The open reconnection windows of dropped sessions (Colyseus's
 * allowReconnection), kept so that they can be closed early: when the same
 * person comes back in a new session (a reload, a new tab after a crash), the
 * dropped one is a ghost that would be listed beside them until its window
 * closed.
 */
export class ReconnectionWindows {
  readonly #open = new Map<string, Deferred<DojoClient>>();

  /** Holds `window`, the reconnection window of `sessionId`, until it settles (rejected when it closes unused). */
  hold(sessionId: string, window: Promise<unknown> | Deferred<unknown>): void {
    if (window instanceof Deferred) this.#open.set(sessionId, window as Deferred<DojoClient>);
    Promise.resolve(window)
      .catch(() => {})
      .finally(() => this.#open.delete(sessionId));
  }

  /** Closes the window of `sessionId` now; Colyseus then calls the room's onLeave. */
  close(sessionId: string): void {
    this.#open.get(sessionId)?.reject(false);
    this.#open.delete(sessionId);
  }
}
