import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A cgroup (v1 `memory` and `pids` hierarchies) holding one sandboxed run: a memory ceiling that the kernel
 * enforces with its OOM killer, a process ceiling that makes fork() fail, and a reliable way to kill and
 * count everything the run started. Available where the runner may write its own cgroup (root in a
 * container, as here and on a gVisor pod); elsewhere the sandbox falls back to rlimits alone.
 */
export class RunCgroup {
  readonly #dirs: { memory: string; pids: string };

  private constructor(dirs: { memory: string; pids: string }) {
    this.#dirs = dirs;
  }

  /** The directories of this process's own v1 `memory` and `pids` cgroups, or null when they cannot be written. */
  static async parents(root = '/sys/fs/cgroup'): Promise<{ memory: string; pids: string } | null> {
    let own: string;
    try {
      own = await readFile('/proc/self/cgroup', 'utf8');
    } catch {
      return null;
    }
    const pathOf = (controller: string) =>
      own
        .split('\n')
        .map((line) => line.split(':'))
        .find(([, controllers]) => controllers?.split(',').includes(controller))?.[2];
    const memoryPath = pathOf('memory');
    const pidsPath = pathOf('pids');
    if (memoryPath === undefined || pidsPath === undefined) return null;
    const dirs = { memory: join(root, 'memory', memoryPath), pids: join(root, 'pids', pidsPath) };
    const probe = `kata-runner-probe-${process.pid}`;
    try {
      for (const dir of Object.values(dirs)) {
        await mkdir(join(dir, probe));
        await rmdir(join(dir, probe));
      }
      return dirs;
    } catch {
      return null;
    }
  }

  static async create(
    parents: { memory: string; pids: string },
    name: string,
    limits: { memoryBytes: number; processes: number },
  ): Promise<RunCgroup> {
    const dirs = { memory: join(parents.memory, name), pids: join(parents.pids, name) };
    await mkdir(dirs.memory);
    await mkdir(dirs.pids);
    const cgroup = new RunCgroup(dirs);
    await writeFile(join(dirs.memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // Without this the run could swap its way past the ceiling where the host has swap.
    const memsw = join(dirs.memory, 'memory.memsw.limit_in_bytes');
    if (existsSync(memsw)) await writeFile(memsw, String(limits.memoryBytes));
    await writeFile(join(dirs.pids, 'pids.max'), String(limits.processes));
    return cgroup;
  }

  /** Files a starting process writes its pid to, joining both hierarchies before it execs the sandbox. */
  get procsFiles(): string[] {
    return [join(this.#dirs.memory, 'cgroup.procs'), join(this.#dirs.pids, 'cgroup.procs')];
  }

  /**
   * Whether the kernel's OOM killer killed a process of this cgroup. (`memory.failcnt` also counts the
   * times the cgroup merely reclaimed its page cache at the ceiling, so it is read only on kernels whose
   * `memory.oom_control` has no `oom_kill` count.)
   */
  async hitMemoryLimit(): Promise<boolean> {
    const oom = await readFile(join(this.#dirs.memory, 'memory.oom_control'), 'utf8').catch(() => '');
    const kills = /oom_kill (\d+)/.exec(oom)?.[1];
    if (kills !== undefined) return Number(kills) > 0;
    return Number(await readFile(join(this.#dirs.memory, 'memory.failcnt'), 'utf8').catch(() => '0')) > 0;
  }

  /** Whether a fork or clone was refused for reaching `pids.max`. */
  async hitProcessLimit(): Promise<boolean> {
    const events = await readFile(join(this.#dirs.pids, 'pids.events'), 'utf8').catch(() => '');
    return Number(/max (\d+)/.exec(events)?.[1] ?? 0) > 0;
  }

  async #pids(): Promise<number[]> {
    const text = await readFile(join(this.#dirs.pids, 'cgroup.procs'), 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map(Number);
  }

  /** Kills every process left in the run (a fork bomb's children included), then removes the cgroup. */
  async destroy(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const pids = await this.#pids();
      if (pids.length === 0) break;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await sleep(10);
    }
    for (const dir of [this.#dirs.memory, this.#dirs.pids]) {
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          await rmdir(dir);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
          // EBUSY while the last killed processes are reaped.
          await sleep(20);
        }
      }
    }
  }
}
