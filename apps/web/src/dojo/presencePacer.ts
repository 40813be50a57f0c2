import type { PresenceUpdate } from '@pocdojo/common/contracts/dojo-protocol';

/** Runs `run` after `ms`; returns what cancels it (setTimeout by default, a fake in tests). */
export type Schedule = (run: () => void, ms: number) => () => void;

const timers: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Our presence (cursor, selection, typing) goes out at most once per `intervalMs`, and never twice the same.
 * The server forwards presence no more often than Limits.presenceIntervalMs. The editor reported it twice per
 * keystroke (the typing flag, then the selection) and on every step of a drag, and each report was a frame the
 * engine read for nothing. The first change goes out at once. What follows within the interval waits for its
 * end, and then only the latest goes.
 */
export class PresencePacer {
  readonly #send: (update: PresenceUpdate) => boolean;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #schedule: Schedule;
  #latest: PresenceUpdate | null = null;
  #sentKey: string | null = null;
  #sentAt = Number.NEGATIVE_INFINITY;
  #cancel: (() => void) | null = null;

  /** `send` returns false when it could not send (not connected): the update is then not counted as sent. */
  constructor(
    send: (update: PresenceUpdate) => boolean,
    intervalMs: number,
    options: { now?: () => number; schedule?: Schedule } = {},
  ) {
    this.#send = send;
    this.#intervalMs = intervalMs;
    this.#now = options.now ?? (() => performance.now());
    this.#schedule = options.schedule ?? timers;
  }

  push(update: PresenceUpdate): void {
    this.#latest = update;
    if (this.#cancel) return;
    const wait = this.#sentAt + this.#intervalMs - this.#now();
    if (wait <= 0) this.#flush();
    else
      this.#cancel = this.#schedule(() => {
        this.#cancel = null;
        this.#flush();
      }, wait);
  }

  /** After a (re)join the server knows nothing of ours: the latest presence goes out again. */
  rejoined(): void {
    this.#sentKey = null;
    if (this.#latest) this.push(this.#latest);
  }

  dispose(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #flush(): void {
    const update = this.#latest;
    if (!update) return;
    const key = JSON.stringify(update);
    if (key === this.#sentKey) return;
    if (!this.#send(update)) return;
    this.#sentKey = key;
    this.#sentAt = this.#now();
  }
}
