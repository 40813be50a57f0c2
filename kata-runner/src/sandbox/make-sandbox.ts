import { mkdir } from 'node:fs/promises';
import { RunCgroup } from './cgroup.ts';
import { defaultLimits, Sandbox, type SandboxLimits } from './sandbox.ts';

/** A sandbox on this host: cgroups when the runner may write them, rlimits alone otherwise. */
export async function makeSandbox(options: {
  scratchDir: string;
  limits?: Partial<SandboxLimits>;
  bwrapPath?: string;
  prlimitPath?: string;
  firstUid?: number;
  useCgroups?: boolean;
}): Promise<Sandbox> {
  await mkdir(options.scratchDir, { recursive: true });
  return new Sandbox({
    bwrapPath: options.bwrapPath ?? '/usr/bin/bwrap',
    prlimitPath: options.prlimitPath ?? '/usr/bin/prlimit',
    scratchDir: options.scratchDir,
    limits: { ...defaultLimits, ...options.limits },
    firstUid: options.firstUid ?? 62_000,
    cgroups: options.useCgroups === false ? null : await RunCgroup.parents(),
  });
}
