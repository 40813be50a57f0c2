/** Keeps every latency sample of a run (a few hundred thousand at most) and answers percentiles. */
export class LatencyRecorder {
  #samples: number[] = [];
  #sorted = true;

  record(ms: number): void {
    this.#samples.push(ms);
    this.#sorted = false;
  }

  get count(): number {
    return this.#samples.length;
  }

  /** The p-th percentile (0–100) by nearest rank; NaN without samples. */
  percentile(p: number): number {
    if (this.#samples.length === 0) return Number.NaN;
    if (!this.#sorted) {
      this.#samples.sort((a, b) => a - b);
      this.#sorted = true;
    }
    const rank = Math.min(this.#samples.length - 1, Math.max(0, Math.ceil((p / 100) * this.#samples.length) - 1));
    return this.#samples[rank]!;
  }

  /** Arithmetic mean; NaN without samples. */
  mean(): number {
    if (this.#samples.length === 0) return Number.NaN;
    let sum = 0;
    for (const sample of this.#samples) sum += sample;
    return sum / this.#samples.length;
  }

  reset(): void {
    this.#samples = [];
    this.#sorted = true;
  }
}
