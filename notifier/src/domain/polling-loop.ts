import type { Logger } from '@pocdojo/common/runtime/logger';

/**
 * Runs `pass` again and again: at once while it finds work, every
 * `intervalMs` when idle, and right away when `wake()` is called (a NOTIFY).
 * One pass at a time; a failing pass is logged and retried on the next tick.
 */
export class PollingLoop {
  readonly #options: { name: string; intervalMs: number; logger: Logger; pass: () => Promise<number> };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  #lastError: Error | undefined;

  constructor(options: { name: string; intervalMs: number; logger: Logger; pass: () => Promise<number> }) {
    this.#options = options;
  }

  start(): void {
    this.#stopped = false;
    this.wake();
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else if (!this.#stopped) {
        this.#timer = setTimeout(() => this.wake(), this.#options.intervalMs);
        this.#timer.unref();
      }
    });
  }

  /** Rejects when the last pass failed (readiness). */
  healthy(): void {
    if (this.#lastError) throw new Error(`${this.#options.name}: ${this.#lastError.message}`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stopped && (await this.#options.pass()) > 0) {}
      this.#lastError = undefined;
    } catch (error) {
      this.#lastError = error as Error;
      this.#options.logger.error({ err: error, loop: this.#options.name }, 'pass failed; retried on the next tick');
    }
  }
}
