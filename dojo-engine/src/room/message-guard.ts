import type { Room } from '@colyseus/core';
import { DojoCloseCode, DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import { type ErrorMessage, ServerMessage } from '@pocdojo/common/dojo-protocol/messages';
import type { Logger } from '@pocdojo/common/logger';
import type { EngineMetrics } from '../metrics.ts';
import { systemClock } from '../time/clock.ts';
import { guardIncomingFrames } from './colyseus-internals.ts';
import { CommandError } from './command-error.ts';
import { withMessageSpan } from './message-spans.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { DojoClient } from './session.ts';

/**
 * What stands between a client's frames and the room's handlers: a flood
 * limit per client, undecodable frames, a metric and a span per message, and
 * refusals — a handler's CommandError (or any failure) goes back to the sender
 * as an `error` message instead of escaping.
 */
export class MessageGuard {
  readonly #metrics: EngineMetrics;
  readonly #log: Logger;
  readonly #roomId: string;
  readonly #flood: RateLimiter;
  /** One labelled child per message type, looked up once: inc({type}) hashes the labels on every message. */
  readonly #counters = new Map<string, { inc(): void }>();

  constructor(options: { metrics: EngineMetrics; logger: Logger; roomId: string; maxMessagesPerSecond: number }) {
    this.#metrics = options.metrics;
    this.#log = options.logger;
    this.#roomId = options.roomId;
    // Colyseus's own guard counts messages per second of *processing*: after any stall of this
    // process (a Redis or Postgres reconnection, a long GC) the messages clients sent meanwhile
    // arrive in one burst and it closed honest clients with 4002. Ours is a token bucket over
    // wall time: the same sustained rate, with ten seconds of it as burst.
    const rate = options.maxMessagesPerSecond;
    this.#flood = new RateLimiter({ burst: rate * 10, windowMs: 10_000, clock: systemClock });
  }

  /** `handler` for messages of `type`, counted, traced, and with what it throws refused to the sender. */
  handler<T>(
    type: string,
    handler: (client: DojoClient, payload: T) => void,
  ): (client: DojoClient, payload: T) => void {
    return (client, payload) => {
      this.#count(type);
      try {
        withMessageSpan(type, this.#roomId, () => handler(client, payload));
      } catch (error) {
        if (error instanceof CommandError) this.refuse(client, error.code, error.message, type);
        else {
          this.#log.error({ err: error, type, sessionId: client.sessionId }, 'room message failed');
          this.refuse(client, DojoErrorCode.internal, 'the server could not process the message', type);
        }
      }
    };
  }

  /** Refuses a message of a type the room does not know. */
  unknown(client: DojoClient, type: string | number): void {
    this.#count('unknown');
    this.refuse(
      client,
      DojoErrorCode.unknownMessage,
      `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}`,
    );
  }

  /** Tells `client` why its message (of type `ref`) was refused. */
  refuse(client: DojoClient, code: DojoErrorCode, message: string, ref?: string): void {
    this.#metrics.refused.inc({ code });
    const error: ErrorMessage = { code, message, ...(ref ? { ref } : {}) };
    client.send(ServerMessage.error, error);
  }

  /**
   * Guards `room`'s incoming frames: a client over the flood limit is closed
   * with 4101; Colyseus decodes the frame header before its own try/catch, so
   * a truncated frame would throw out of the socket's message listener — it
   * is refused to that client only.
   */
  guardFrames(room: Room): void {
    guardIncomingFrames(room, (client, buffer, deliver) => {
      if (!this.#flood.take(client.sessionId)) {
        this.#metrics.refused.inc({ code: 'flood' });
        client.leave(DojoCloseCode.protocolViolation, 'too many messages');
        return;
      }
      try {
        deliver(client, buffer);
      } catch (error) {
        this.#metrics.refused.inc({ code: DojoErrorCode.malformedMessage });
        this.#log.warn({ err: error, sessionId: client.sessionId }, 'undecodable frame');
        this.refuse(client as DojoClient, DojoErrorCode.malformedMessage, 'undecodable frame');
      }
    });
  }

  /** Forgets a client that left. */
  forget(sessionId: string): void {
    this.#flood.forget(sessionId);
  }

  #count(type: string): void {
    let counter = this.#counters.get(type);
    if (!counter) {
      counter = this.#metrics.messages.labels({ type });
      this.#counters.set(type, counter);
    }
    counter.inc();
  }
}
