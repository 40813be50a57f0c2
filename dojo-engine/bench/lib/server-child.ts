import { type ChildProcess, fork } from 'node:child_process';
import type { ServerStats, StatsReply } from './server-stats.ts';

/** A server running in its own process (so its CPU and memory are its own), driven over IPC. */
export interface ServerChild {
  /** http://127.0.0.1:port */
  url: string;
  port: number;
  /** The Colyseus process id, when the server reports it (the dojo engine does). */
  processId?: string;
  child: ChildProcess;
  /** `profile`: start or stop the window's CPU profile (with BENCH_CPU_PROF). */
  stats(options?: { resetPeak?: boolean; profile?: 'start' | 'stop'; gc?: boolean }): Promise<ServerStats>;
  stop(): Promise<void>;
}

export interface ServerChildOptions {
  /** Node flags, e.g. `--expose-gc` (default: this process's own). */
  execArgv?: string[];
  /** `ignore`: drop the server's stdout (its logs); stderr always shows. Default `inherit`. */
  stdout?: 'inherit' | 'ignore';
  /** How long the server may take to report ready (ms, default 30 s). */
  readyTimeoutMs?: number;
}

/** Forks `entry` with `env`; resolves when it reports `{type: 'ready', port, processId?}`. */
export function startServerChild(
  entry: string,
  env: Record<string, string>,
  name: string,
  options: ServerChildOptions = {},
): Promise<ServerChild> {
  // BENCH_CPU_PROF=<dir> (inherited): each server writes a V8 CPU profile of the measured window there
  // (server-stats.ts; open it in Chrome DevTools or speedscope).
  const child = fork(entry, {
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
    execArgv: options.execArgv ?? process.execArgv,
  });
  let nextId = 0;
  const pending = new Map<number, (stats: ServerStats) => void>();
  child.on('message', (message: StatsReply) => {
    if (message?.type === 'stats') pending.get(message.id)?.(message.stats);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${readyTimeoutMs / 1000} s`)),
      readyTimeoutMs,
    );
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.on('message', (message: { type?: string; port?: number; processId?: string }) => {
      if (message?.type !== 'ready' || !message.port) return;
      clearTimeout(timer);
      const port = message.port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        processId: message.processId,
        child,
        stats(options = {}) {
          const id = nextId++;
          return new Promise((answer) => {
            pending.set(id, (stats) => {
              pending.delete(id);
              answer(stats);
            });
            child.send({ type: 'stats', id, resetPeak: options.resetPeak, profile: options.profile, gc: options.gc });
          });
        },
        async stop() {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}
