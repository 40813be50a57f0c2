import type { Clock } from '../../src/time/clock.ts';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A Clock that only moves when told to: `advance(ms)` fires every timer that
 * falls due, in order, each seeing `now()` at its own due time.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers = new Set<Timer>();

  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, callback: () => void): () => void {
    const timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback };
    this.#timers.add(timer);
    return () => this.#timers.delete(timer);
  }

  /** Moves time forward by `ms`, firing due timers (also ones set by fired timers). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.#timers) {
        if (timer.at <= target && (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) {
          next = timer;
        }
      }
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = target;
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }
}
