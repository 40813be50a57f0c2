import { type ChildProcess, fork } from 'node:child_process';
import type { ServerStats, StatsReply } from './server-stats.ts';

/** A server running in its own process (so its CPU and memory are its own), driven over IPC. */
export interface ServerChild {
  /** http://127.0.0.1:port */
  url: string;
  port: number;
  child: ChildProcess;
  /** `profile`: start or stop the window's CPU profile (with BENCH_CPU_PROF). */
  stats(options?: { resetPeak?: boolean; profile?: 'start' | 'stop' }): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** Forks `entry` with `env`; resolves when it reports `{type: 'ready', port}`. */
export function startServerChild(entry: string, env: Record<string, string>, name: string): Promise<ServerChild> {
  // BENCH_CPU_PROF=<dir> (inherited): each server writes a V8 CPU profile of the measured window there
  // (server-stats.ts; open it in Chrome DevTools or speedscope).
  const child = fork(entry, {
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, (stats: ServerStats) => void>();
  child.on('message', (message: StatsReply) => {
    if (message?.type === 'stats') pending.get(message.id)?.(message.stats);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type !== 'ready' || !message.port) return;
      clearTimeout(timer);
      const port = message.port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        child,
        stats(options = {}) {
          const id = nextId++;
          return new Promise((answer) => {
            pending.set(id, (stats) => {
              pending.delete(id);
              answer(stats);
            });
            child.send({ type: 'stats', id, resetPeak: options.resetPeak, profile: options.profile });
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
