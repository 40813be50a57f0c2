import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RunCgroup } from './cgroup.ts';

/** Ceilings of one run. Each one that is hit ends the run amber with its own reason. */
export interface SandboxLimits {
  /** Wall-clock time from start to the last process killed. */
  wallMs: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Memory of the whole run, tmpfs pages included (cgroup; RLIMIT_AS per process where there is none). */
  memoryBytes: number;
  /** Processes and threads of the whole run (cgroup pids.max and RLIMIT_NPROC). */
  processes: number;
  /** Bytes of stdout + stderr kept; one more and the run is killed. */
  outputBytes: number;
  /** Largest file a process may write (RLIMIT_FSIZE). */
  fileBytes: number;
  /** Size of the tmpfs work directory and of /tmp, each. */
  workDirBytes: number;
}

export type LimitHit = 'timeout' | 'cpu-limit' | 'memory-limit' | 'process-limit' | 'output-limit' | 'file-size-limit';

export interface SandboxJob {
  /** Files written into the work directory (paths already validated as relative and free of `..`). */
  files: Readonly<Record<string, string>>;
  /** Shell script run by /bin/sh in the work directory, stderr merged into stdout. */
  script: string;
  env: Readonly<Record<string, string>>;
  /** Host paths mounted read-only in the sandbox (toolchains outside /usr), at paths of their own under /opt. */
  mounts: readonly ReadOnlyMount[];
}

export interface ReadOnlyMount {
  host: string;
  /** Where the run sees it: never under /work or /tmp, which are the run's own tmpfs. */
  at: string;
}

export interface SandboxOutcome {
  /** Exit status of the script (128 + n when a signal n ended it), null when the runner killed it. */
  exitCode: number | null;
  output: string;
  outputTruncated: boolean;
  /** The first ceiling the run hit, if any. */
  limit?: LimitHit;
  durationMs: number;
}

export interface SandboxOptions {
  bwrapPath: string;
  prlimitPath: string;
  /** Where each run's input directory is made (host disk; removed after the run). */
  scratchDir: string;
  limits: SandboxLimits;
  /**
   * When the runner is root: the sandbox drops to this uid (plus the slot number) with setpriv, so each
   * concurrent run has its own uid for RLIMIT_NPROC and owns nothing on the host. When not root, bwrap
   * makes an unprivileged user namespace instead and this is unused.
   */
  firstUid: number;
  /** Cgroup parents when writable (see RunCgroup.parents), else null. */
  cgroups: { memory: string; pids: string } | null;
}

const SIGXCPU = 24;
const SIGXFSZ = 25;
const isRoot = process.getuid?.() === 0;

/**
 * Runs untrusted code with bubblewrap: new mount, PID, network, IPC, UTS and cgroup namespaces; the host's
 * /usr and the toolchains read-only; a size-capped tmpfs as the only writable work directory and /tmp; no
 * network device but a down-by-design loopback; the run dies with the runner (--die-with-parent); no
 * capabilities, no new privileges. Limits come from rlimits (prlimit) and, where writable, a cgroup.
 */
export class Sandbox {
  readonly #options: SandboxOptions;

  constructor(options: SandboxOptions) {
    this.#options = options;
  }

  get limits(): SandboxLimits {
    return this.#options.limits;
  }

  get usesCgroups(): boolean {
    return this.#options.cgroups !== null;
  }

  async run(job: SandboxJob, slot = 0): Promise<SandboxOutcome> {
    const { limits } = this.#options;
    const runDir = await mkdtemp(join(this.#options.scratchDir, 'run-'));
    const inputDir = join(runDir, 'in');
    let cgroup: RunCgroup | undefined;
    try {
      await writeInput(inputDir, job.files);
      await chmod(runDir, 0o755);
      if (this.#options.cgroups) {
        cgroup = await RunCgroup.create(this.#options.cgroups, `kata-run-${randomUUID()}`, limits);
      }
      const outcome = await this.#spawn(job, inputDir, slot, cgroup);
      // A fork bomb that keeps trying runs into the wall clock, and fills memory too: the process ceiling is
      // the cause to report.
      if (cgroup && (!outcome.limit || outcome.limit === 'timeout')) {
        if (await cgroup.hitProcessLimit()) outcome.limit = 'process-limit';
        else if (await cgroup.hitMemoryLimit()) outcome.limit = 'memory-limit';
      }
      return outcome;
    } finally {
      await cgroup?.destroy();
      await rm(runDir, { recursive: true, force: true });
    }
  }

  #command(job: SandboxJob, inputDir: string, slot: number): string[] {
    const { limits } = this.#options;
    const limit = (name: string, value: number, hard = value) => `--${name}=${value}:${hard}`;
    const prlimit = [
      this.#options.prlimitPath,
      limit('cpu', limits.cpuSeconds, limits.cpuSeconds + 1),
      limit('fsize', limits.fileBytes),
      limit('nproc', limits.processes),
      limit('nofile', 256),
      limit('core', 0),
      // Without a memory cgroup the address-space ceiling is the only memory bound left.
      ...(this.#options.cgroups ? [] : [limit('as', limits.memoryBytes)]),
      '--',
    ];
    const etc = ['/etc/alternatives', '/etc/java-17-openjdk', '/etc/java-21-openjdk', '/etc/ssl/certs'].filter((path) =>
      existsSync(path),
    );
    const binds = [...etc.map((path) => ({ host: path, at: path })), ...job.mounts];
    const bwrap = [
      this.#options.bwrapPath,
      '--die-with-parent',
      '--new-session',
      // As root bwrap needs no user namespace (setpriv drops to an unprivileged uid below); otherwise it makes one.
      ...(isRoot
        ? ['--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try']
        : ['--unshare-all', '--uid', '65534', '--gid', '65534', '--disable-userns']),
      '--hostname',
      'kata',
      ...['--ro-bind', '/usr', '/usr'],
      ...['bin', 'sbin', 'lib', 'lib64', 'lib32']
        .filter((name) => existsSync(`/${name}`))
        .flatMap((name) => ['--symlink', `usr/${name}`, `/${name}`]),
      // bwrap would make the mount points' parents 0700 root, closed to the unprivileged uid of the run.
      ...ancestors(binds.map((mount) => mount.at)).flatMap((dir) => ['--perms', '0755', '--dir', dir]),
      ...binds.flatMap((mount) => ['--ro-bind', mount.host, mount.at]),
      '--ro-bind',
      inputDir,
      '/in',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      ...['--perms', '1777', '--size', String(limits.workDirBytes), '--tmpfs', '/work'],
      ...['--perms', '1777', '--size', String(limits.workDirBytes), '--tmpfs', '/tmp'],
      // Everything but the two tmpfs (and /dev, /proc) is read-only, so a write elsewhere fails with EROFS.
      '--remount-ro',
      '/',
      '--chdir',
      '/work',
      '--clearenv',
      ...Object.entries({ HOME: '/tmp', LANG: 'C.UTF-8', ...job.env }).flatMap(([key, value]) => [
        '--setenv',
        key,
        value,
      ]),
      '--',
    ];
    const uid = String(this.#options.firstUid + slot);
    const dropPrivileges = isRoot
      ? [
          '/usr/bin/setpriv',
          `--reuid=${uid}`,
          `--regid=${uid}`,
          '--clear-groups',
          '--no-new-privs',
          '--inh-caps=-all',
          '--bounding-set=-all',
          '--',
        ]
      : [];
    // The input is copied into the tmpfs so that everything the run writes is bounded and vanishes with it.
    const inner = ['/bin/sh', '-c', `exec 2>&1; cp -R /in/. /work/ || exit 125; ${job.script}`];
    return [...prlimit, ...bwrap, ...dropPrivileges, ...inner];
  }

  #spawn(job: SandboxJob, inputDir: string, slot: number, cgroup: RunCgroup | undefined): Promise<SandboxOutcome> {
    const { limits } = this.#options;
    const command = this.#command(job, inputDir, slot);
    // A tiny shell joins the cgroup before it becomes the sandbox, so no process of the run starts outside it.
    const join = cgroup ? cgroup.procsFiles.map((file) => `echo $$ > '${file}' || exit 126;`).join(' ') : '';
    const started = performance.now();
    return new Promise((resolve) => {
      const child = spawn('/bin/sh', ['-c', `${join} exec "$@"`, 'sandbox', ...command], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        env: {},
      });
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      let limit: LimitHit | undefined;
      let stderr = '';
      const kill = (reason: LimitHit) => {
        limit ??= reason;
        try {
          // The process group: the wrapper and bwrap; the PID namespace takes every process of the run with it.
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => kill('timeout'), limits.wallMs);
      child.stdout.on('data', (chunk: Buffer) => {
        if (kept + chunk.length > limits.outputBytes) {
          chunks.push(chunk.subarray(0, limits.outputBytes - kept));
          kept = limits.outputBytes;
          truncated = true;
          kill('output-limit');
          return;
        }
        if (truncated) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        if (stderr.length < 4096) stderr += text;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        let output = Buffer.concat(chunks).toString('utf8');
        // bwrap's own complaints (it could not set up the sandbox) are the runner's, not the kata's.
        if (stderr.trim()) output += `${output.endsWith('\n') || !output ? '' : '\n'}${stderr}`;
        const exitCode = limit ? null : (code ?? (signal ? 128 : null));
        if (!limit && (exitCode === 128 + SIGXCPU || /CPU time limit exceeded/i.test(output))) limit = 'cpu-limit';
        if (!limit && (exitCode === 128 + SIGXFSZ || /file size limit exceeded|EFBIG|File too large/i.test(output)))
          limit = 'file-size-limit';
        resolve({
          exitCode,
          output,
          outputTruncated: truncated,
          ...(limit ? { limit } : {}),
          durationMs: Math.round(performance.now() - started),
        });
      });
    });
  }
}

/** Every proper ancestor directory of the paths (except /), parents first. */
export function ancestors(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let dir = dirname(path); dir !== '/' && dir !== '.'; dir = dirname(dir)) dirs.add(dir);
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length);
}

async function writeInput(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(dir, { mode: 0o755 });
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true, mode: 0o755 });
    await writeFile(target, text, { mode: 0o644, flag: 'wx' });
  }
}

export const defaultLimits: SandboxLimits = {
  wallMs: 20_000,
  cpuSeconds: 15,
  memoryBytes: 768 * 1024 * 1024,
  processes: 256,
  outputBytes: 256 * 1024,
  fileBytes: 32 * 1024 * 1024,
  workDirBytes: 256 * 1024 * 1024,
};
