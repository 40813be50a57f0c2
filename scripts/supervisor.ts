import { type ChildProcess, spawn } from 'node:child_process';

/** How `npm start` restarts a service that died; defaults sized for a developer's machine. */
export interface RestartPolicy {
  /** Wait before the first restart; doubled for each crash in a row. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process that stayed up this long counts as healthy again: its next crash restarts after initialDelayMs. */
  stableAfterMs: number;
  /** This many crashes within `windowMs` is a crash loop: the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  windowMs: 120_000,
};

export interface SupervisedProcess {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorEvents {
  /** A line for the person at the terminal. */
  say(line: string): void;
  /** Each (re)start, with the child's output streams. */
  started(child: ChildProcess): void;
  /** Too many crashes in a row: the caller stops everything. */
  crashLoop(name: string): void;
}

/**
 * Keeps one service running like a process manager: when it exits without
 * being asked to, it is started again after a delay that doubles with each
 * crash in a row (reset once it stays up), and a crash loop is reported
 * instead of retried for ever.
 */
export class Supervisor {
  private child: ChildProcess | undefined;
  private crashes: number[] = [];
  private streak = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly spec: SupervisedProcess;
  private readonly events: SupervisorEvents;
  private readonly policy: RestartPolicy;

  constructor(spec: SupervisedProcess, events: SupervisorEvents, policy: RestartPolicy = defaultRestartPolicy) {
    this.spec = spec;
    this.events = events;
    this.policy = policy;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const startedAt = Date.now();
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.events.started(child);
    child.once('error', (error) => this.events.say(`${this.spec.name} could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping) return;
      this.crashed(startedAt, signal ?? `code ${code}`);
    });
  }

  private crashed(startedAt: number, how: string): void {
    const now = Date.now();
    if (now - startedAt >= this.policy.stableAfterMs) this.streak = 0;
    this.crashes = [...this.crashes.filter((at) => now - at < this.policy.windowMs), now];
    if (this.crashes.length >= this.policy.maxCrashes) {
      const seconds = Math.round(this.policy.windowMs / 1000);
      this.events.say(`${this.spec.name} exited (${how}), ${this.crashes.length} crashes in ${seconds} s: giving up`);
      this.events.crashLoop(this.spec.name);
      return;
    }
    const delay = Math.min(this.policy.initialDelayMs * 2 ** this.streak, this.policy.maxDelayMs);
    this.streak += 1;
    this.events.say(
      `${this.spec.name} exited (${how}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${this.crashes.length} of ${this.policy.maxCrashes - 1} allowed in ${Math.round(this.policy.windowMs / 1000)} s)`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopping) this.start();
    }, delay);
  }

  /** SIGTERM (SIGKILL after `graceMs`); no restart afterwards. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
