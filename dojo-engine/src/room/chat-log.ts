import { randomUUID } from 'node:crypto';
import { DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import { type ChatMessage, Limits } from '@pocdojo/common/dojo-protocol/messages';
import type { StoredHistoryEvent } from '../persistence/dojo-store.ts';
import type { Clock } from '../time/clock.ts';
import { CommandError } from './command-error.ts';
import type { Actor } from './facilitation.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { SessionLog } from './session-log.ts';

/**
 * The room's chat: the last `Limits.chatHistory` messages (what a joining
 * client is welcomed with), restored from the session's history when the room
 * is created again; posting is rate-limited per user and recorded in history.
 */
export class ChatLog {
  readonly #messages: ChatMessage[];
  readonly #limiter: RateLimiter;
  readonly #clock: Clock;
  readonly #log: SessionLog;

  constructor(options: { stored: readonly StoredHistoryEvent[]; clock: Clock; log: SessionLog }) {
    this.#messages = options.stored.map(toChatMessage);
    this.#clock = options.clock;
    this.#log = options.log;
    this.#limiter = new RateLimiter({ burst: Limits.chatBurst, windowMs: Limits.chatWindowMs, clock: options.clock });
  }

  /** The recent messages, oldest first. */
  get recent(): ChatMessage[] {
    return this.#messages;
  }

  /** Adds `author`'s message and returns it for broadcast; throws when they post too fast. */
  post(author: Actor, text: string): ChatMessage {
    if (!this.#limiter.take(author.userId)) {
      throw new CommandError(
        DojoErrorCode.rateLimited,
        `at most ${Limits.chatBurst} chat messages per ${Limits.chatWindowMs / 1000} s`,
      );
    }
    const message: ChatMessage = {
      id: randomUUID(),
      userId: author.userId,
      name: author.name,
      text,
      at: this.#clock.now(),
    };
    this.#messages.push(message);
    if (this.#messages.length > Limits.chatHistory) this.#messages.shift();
    this.#log.record('chat', author, { chatId: message.id, text });
    return message;
  }
}

const toChatMessage = (event: StoredHistoryEvent): ChatMessage => ({
  id: String(event.data.chatId ?? event.id),
  userId: event.userId ?? '',
  name: event.name ?? '',
  text: String(event.data.text ?? ''),
  at: event.at,
});
