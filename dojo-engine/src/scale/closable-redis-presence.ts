import { RedisPresence } from '@colyseus/redis-presence';

/**
 * RedisPresence whose shutdown() may be called twice: the Colyseus Server shuts
 * presence down during its graceful shutdown, and the scale-out's close() does
 * too when the Server never got that far. The stock shutdown() quits without a
 * catch, so a second call would end the process with an unhandled rejection.
 */
export class ClosableRedisPresence extends RedisPresence {
  #closed = false;

  override shutdown(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of [this.sub, this.pub]) {
      if (connection.status !== 'end') connection.quit().catch(() => connection.disconnect());
    }
  }
}
