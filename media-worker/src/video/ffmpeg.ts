import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The ffmpeg binary when FFMPEG_PATH is not set: the system's, found on PATH —
 * Debian's maintained package (`apt-get install ffmpeg`; the image installs
 * it too). npm has no maintained static build that installs from the registry
 * alone (`ffmpeg-static` downloads at install time; `@ffmpeg-installer` ships a
 * 2018 build), so none is bundled.
 */
export function defaultFfmpegPath(path: string = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'ffmpeg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new Error('ffmpeg not found on PATH: install it (Debian: apt-get install ffmpeg) or set FFMPEG_PATH');
}

export interface FfmpegRun {
  ffmpegPath: string;
  args: string[];
  /** Expected output duration, to turn ffmpeg's `out_time` into a fraction. */
  durationSeconds: number;
  /** Called with 0–1 as encoding advances (from `-progress pipe:1`). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Thrown when ffmpeg exits non-zero; carries the tail of its stderr. */
export class FfmpegError extends Error {
  readonly exitCode: number | null;
  constructor(message: string, exitCode: number | null) {
    super(message);
    this.name = 'FfmpegError';
    this.exitCode = exitCode;
  }
}

/**
 * Runs ffmpeg with machine-readable progress on stdout (`key=value` blocks
 * ending in `progress=continue|end`). Aborting the signal kills ffmpeg.
 */
export function runFfmpeg(run: FfmpegRun): Promise<void> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(run.signal.reason);
    const child = spawn(run.ffmpegPath, ['-hide_banner', '-nostdin', '-nostats', '-progress', 'pipe:1', ...run.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep only the tail: the error is at the end and ffmpeg can be chatty.
      stderr = (stderr + chunk).slice(-4000);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [key, value] = line.trim().split('=');
        // `out_time_ms` is in microseconds despite its name (an old ffmpeg quirk).
        if (key === 'out_time_ms' && run.onProgress && run.durationSeconds > 0) {
          const seconds = Number(value) / 1_000_000;
          if (Number.isFinite(seconds)) run.onProgress(Math.min(1, Math.max(0, seconds / run.durationSeconds)));
        }
        if (key === 'progress' && value === 'end') run.onProgress?.(1);
      }
    });
    const onAbort = () => child.kill('SIGKILL');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      run.signal?.removeEventListener('abort', onAbort);
      reject(new FfmpegError(`ffmpeg could not start: ${error.message}`, null));
    });
    child.once('close', (code) => {
      run.signal?.removeEventListener('abort', onAbort);
      if (run.signal?.aborted) return reject(run.signal.reason);
      if (code === 0) return resolve();
      reject(new FfmpegError(`ffmpeg exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, code));
    });
  });
}
