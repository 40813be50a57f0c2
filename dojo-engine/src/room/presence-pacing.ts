/**
 * When a room's pending presence goes out on its own. Presence already rides
 * with every `changes` fan-out (in the same socket write); on its own it costs
 * one more write per client, and at 300 rooms such writes were most of the
 * engine's kernel time (dojo-engine/bench/README.md). So while changes flow
 * (a fan-out within the last `typingTicks` ticks), pending presence waits up to
 * `holdTicks` ticks for the next fan-out to carry it; when nobody types it goes
 * out at the next tick, as before. `holdTicks` 0 sends it at every tick.
 */
export class PresencePacing {
  readonly #holdTicks: number;
  readonly #typingTicks: number;
  #tick = 0;
  #lastFanout = Number.NEGATIVE_INFINITY;
  #held = 0;

  constructor(options: { holdTicks: number; typingTicks?: number }) {
    this.#holdTicks = options.holdTicks;
    this.#typingTicks = options.typingTicks ?? options.holdTicks + 2;
  }

  /** A fan-out just went out, carrying whatever presence was pending. */
  fannedOut(): void {
    this.#lastFanout = this.#tick;
    this.#held = 0;
  }

  /** Called at every tick: whether pending presence goes out now (false: hold it for a fan-out). */
  tick(pending: boolean): boolean {
    this.#tick++;
    if (!pending) return false;
    const typing = this.#tick - this.#lastFanout <= this.#typingTicks;
    if (typing && this.#held < this.#holdTicks) {
      this.#held++;
      return false;
    }
    this.#held = 0;
    return true;
  }
}
