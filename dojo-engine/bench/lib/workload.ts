import { KeystrokeTracker } from './keystroke-tracker.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import type { LoadErrors, LoadTarget, RoomLoad } from './load-target.ts';
import type { WorkloadOptions } from './options.ts';

export interface WorkloadResult {
  target: string;
  latency: {
    mean: number;
    min: number;
    p50: number;
    p90: number;
    p95: number;
    p99: number;
    max: number;
    samples: number;
  };
  keystrokes: number;
  /** Keystroke deliveries that never reached a peer by the end of the drain. */
  missing: number;
  errors: LoadErrors;
  joinSeconds: number;
  /** Typing before the window, left out of every figure. */
  warmupSeconds: number;
  windowSeconds: number;
}

export interface WorkloadHooks {
  /** Right before the measured window, after the warm-up (take server stats here). */
  windowStart?(): Promise<void>;
  /** Right after the window, before draining. */
  windowEnd?(): Promise<void>;
  log(line: string): void;
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–');

/** Runs `task` over `items` with at most `limit` in flight. */
async function pooled<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/**
 * The workload, identical for every target: N rooms of M clients join; then
 * each room's driver types `keysPerSecond` keystrokes per second and every
 * other client moves its cursor `cursorsPerSecond` times a second (each on its
 * own timer with a random phase, so rooms do not fire in lockstep): first for
 * `warmupSeconds` that no figure counts (JIT, pools, first compactions), then
 * for the measured `seconds`; then up to 5 s of drain for keystrokes still in flight.
 */
export async function runWorkload(
  target: LoadTarget,
  options: WorkloadOptions,
  hooks: WorkloadHooks,
): Promise<WorkloadResult> {
  const recorder = new LatencyRecorder();
  const errors: LoadErrors = { joins: 0, drops: 0, server: 0 };
  const trackers = Array.from({ length: options.rooms }, () => new KeystrokeTracker(options.clients - 1, recorder));

  const joinStart = performance.now();
  let joined = 0;
  const progress = setInterval(() => hooks.log(`[${target.name}] joining: ${joined}/${options.rooms} rooms`), 2000);
  let rooms: RoomLoad[];
  try {
    rooms = await pooled(
      options.rooms,
      Math.max(1, Math.floor(options.joinConcurrency / options.clients)),
      async (i) => {
        const room = await target.openRoom(i, options.clients, trackers[i]!, errors);
        joined++;
        return room;
      },
    );
  } finally {
    clearInterval(progress);
  }
  const joinSeconds = (performance.now() - joinStart) / 1000;
  hooks.log(
    `[${target.name}] ${options.rooms} rooms × ${options.clients} clients joined in ${joinSeconds.toFixed(1)} s`,
  );

  const timers: NodeJS.Timeout[] = [];
  const every = (perSecond: number, action: () => void) => {
    if (perSecond <= 0) return;
    const period = 1000 / perSecond;
    timers.push(
      setTimeout(() => {
        action();
        timers.push(setInterval(action, period));
      }, Math.random() * period),
    );
  };
  for (const room of rooms) {
    every(options.keysPerSecond, () => room.keystroke());
    for (let peer = 0; peer < options.clients - 1; peer++) every(options.cursorsPerSecond, () => room.moveCursor(peer));
  }
  const keystrokes = () => trackers.reduce((sum, tracker) => sum + tracker.keystrokes, 0);
  if (options.warmupSeconds > 0) {
    hooks.log(`[${target.name}] warming up for ${options.warmupSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000));
  }
  await hooks.windowStart?.();
  // Deliveries of warm-up keystrokes that arrive from now on are not recorded either.
  for (const tracker of trackers) tracker.startWindow();
  recorder.reset();
  const keystrokesBefore = keystrokes();
  const windowStart = performance.now();
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - windowStart) / 1000;
    hooks.log(
      `[${target.name}] ${elapsed.toFixed(0)}/${options.seconds} s: ${keystrokes() - keystrokesBefore} keystrokes, ` +
        `p50 ${fmt(recorder.percentile(50))}, p99 ${fmt(recorder.percentile(99))}`,
    );
  }, 5000);
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  for (const timer of timers) clearInterval(timer);
  clearInterval(ticker);
  const windowSeconds = (performance.now() - windowStart) / 1000;
  const windowKeystrokes = keystrokes() - keystrokesBefore;
  await hooks.windowEnd?.();

  const missing = () => trackers.reduce((sum, tracker) => sum + tracker.missing, 0);
  const drainUntil = performance.now() + 5000;
  while (missing() > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50));

  const result: WorkloadResult = {
    target: target.name,
    latency: {
      mean: recorder.mean(),
      min: recorder.percentile(0),
      p50: recorder.percentile(50),
      p90: recorder.percentile(90),
      p95: recorder.percentile(95),
      p99: recorder.percentile(99),
      max: recorder.percentile(100),
      samples: recorder.count,
    },
    keystrokes: windowKeystrokes,
    missing: missing(),
    errors: { ...errors },
    joinSeconds,
    warmupSeconds: options.warmupSeconds,
    windowSeconds,
  };
  await Promise.all(rooms.map((room) => room.close()));
  return result;
}
