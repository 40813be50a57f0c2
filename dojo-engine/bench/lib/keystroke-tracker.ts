import type { LatencyRecorder } from './latency-recorder.ts';

/**
 * Keystroke-to-peer latency of one room. The room's single driver types
 * keystrokes in order and each peer receives them in order, so a peer that has
 * received n keystrokes has just received keystrokes [previous n, n): their
 * latency is now minus their send time. Driver and peers live in the same
 * process, so one clock measures both ends.
 */
export class KeystrokeTracker {
  readonly #sentAt: number[] = [];
  readonly #received: number[];
  readonly #recorder: LatencyRecorder;
  /** Keystrokes sent before the measured window: their deliveries are not recorded. */
  #firstMeasured = 0;

  constructor(peers: number, recorder: LatencyRecorder) {
    this.#received = new Array<number>(peers).fill(0);
    this.#recorder = recorder;
  }

  /** The measured window starts now: keystrokes sent so far (the warm-up) are left out of the latency figures. */
  startWindow(): void {
    this.#firstMeasured = this.#sentAt.length;
  }

  /** The driver sent a keystroke now. */
  sent(): void {
    this.#sentAt.push(performance.now());
  }

  /** Peer `peer` received `count` more keystrokes now. */
  received(peer: number, count: number): void {
    const now = performance.now();
    const from = this.#received[peer]!;
    const to = Math.min(from + count, this.#sentAt.length);
    for (let i = Math.max(from, this.#firstMeasured); i < to; i++) this.#recorder.record(now - this.#sentAt[i]!);
    this.#received[peer] = to;
  }

  get keystrokes(): number {
    return this.#sentAt.length;
  }

  /** Deliveries still owed: keystrokes × peers minus what peers received. */
  get missing(): number {
    let missing = 0;
    for (const received of this.#received) missing += this.#sentAt.length - received;
    return missing;
  }
}
