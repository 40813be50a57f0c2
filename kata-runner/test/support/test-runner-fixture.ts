import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunLanguage, RunRequest } from '@pocdojo/common/contracts/kata-runs';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { makeSandbox } from '../../src/sandbox/make-sandbox.ts';
import type { SandboxLimits } from '../../src/sandbox/sandbox.ts';
import { TestRunner } from '../../src/test-runner.ts';
import { discoverToolchains } from '../../src/toolchains/host-toolchains.ts';

/** The Go cache template is kept between test runs (the first one compiles the standard library once). */
export const testCacheDir = join(tmpdir(), 'pocdojo-kata-runner-test-cache');

const logger = createLogger('kata-runner-test', 'warn');

const toolchains = discoverToolchains({
  python: process.env.KATA_PYTHON ?? 'python3',
  go: process.env.KATA_GO ?? 'go',
  junitConsoleJar: process.env.KATA_JUNIT_CONSOLE_JAR ?? '/usr/share/java/junit-platform-console-standalone.jar',
  cacheDir: testCacheDir,
  logger,
});

/**
 * A runner on this host's real sandbox and toolchains, with a scratch directory and a range of sandbox uids
 * of its own (test files run in parallel; RLIMIT_NPROC counts per uid), the first of which is `firstUid`.
 */
export async function hostTestRunner(
  limits: Partial<SandboxLimits> = {},
): Promise<{ runner: TestRunner; firstUid: number }> {
  const firstUid = 63_000 + Math.floor(Math.random() * 1000) * 16;
  const sandbox = await makeSandbox({
    scratchDir: join(tmpdir(), `kata-runner-test-${randomUUID()}`),
    limits,
    firstUid,
  });
  return { runner: new TestRunner(sandbox, await toolchains), firstUid };
}

export function request(language: RunLanguage, files: Record<string, string>): RunRequest {
  return {
    runId: randomUUID(),
    tenantId: randomUUID(),
    dojoId: randomUUID(),
    language,
    files,
    requestedAt: new Date().toISOString(),
  };
}
