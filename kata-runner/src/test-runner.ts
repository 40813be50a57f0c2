import type { AmberReason, RunLanguage, RunRequest, RunResult } from '@pocdojo/common/contracts/kata-runs';
import type { LimitHit, Sandbox, SandboxOutcome } from './sandbox/sandbox.ts';
import type { Toolchain } from './toolchains/toolchain.ts';

/** Output kept in a result: the start and the end, where compilers and test runners put what matters. */
export const resultOutputBytes = 16 * 1024;

/**
 * What the sandbox refused, read from the error text every runtime prints when a call fails: the sandbox
 * has no writable path but its tmpfs, no network device, no name resolution. A test that fails because of
 * one of these is amber (the run tried something a kata run may not do), not red.
 */
const refusals: { reason: AmberReason; pattern: RegExp; summary: string }[] = [
  {
    reason: 'write-refused',
    pattern: /Read-only file system|EROFS/,
    summary: 'the code tried to write outside its work directory: refused by the sandbox',
  },
  {
    reason: 'network-refused',
    pattern:
      /Network is unreachable|ENETUNREACH|Connection refused|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|Temporary failure in name resolution|Name or service not known|no such host|network is unreachable/,
    summary: 'the code tried to reach the network: refused by the sandbox',
  },
];

/** What runtimes print when RLIMIT_NPROC or the pids cgroup refused a fork or a thread. */
const forkRefused =
  /BlockingIOError|Resource temporarily unavailable|Cannot fork|can't start new thread|pthread_create failed/;

/** Errors a runtime reports when a ceiling refused an allocation or a fork (rather than killing the run). */
const limitRefusals: { limit: LimitHit; pattern: RegExp }[] = [
  { limit: 'process-limit', pattern: forkRefused },
  {
    limit: 'memory-limit',
    pattern:
      /MemoryError|Cannot allocate memory|out of memory|OutOfMemoryError|heap out of memory|Array buffer allocation failed/,
  },
];

/**
 * Runs one request's tests in the sandbox with the language's toolchain and turns the outcome into a
 * traffic light. Never throws for anything the code under test does: that is always a coloured result.
 */
export class TestRunner {
  readonly #sandbox: Sandbox;
  readonly #toolchains: ReadonlyMap<RunLanguage, Toolchain>;

  constructor(sandbox: Sandbox, toolchains: ReadonlyMap<RunLanguage, Toolchain>) {
    this.#sandbox = sandbox;
    this.#toolchains = toolchains;
  }

  get languages(): RunLanguage[] {
    return [...this.#toolchains.keys()];
  }

  async run(request: RunRequest, slot = 0): Promise<RunResult> {
    const started = performance.now();
    const base = {
      runId: request.runId,
      tenantId: request.tenantId,
      dojoId: request.dojoId,
      language: request.language,
    };
    const toolchain = this.#toolchains.get(request.language);
    if (!toolchain) {
      return {
        ...base,
        ...amber('runner-error', `no ${request.language} toolchain on this runner`),
        failingTests: [],
        output: '',
        outputTruncated: false,
        durationMs: Math.round(performance.now() - started),
        finishedAt: new Date().toISOString(),
      };
    }
    try {
      await toolchain.ready;
    } catch {
      return {
        ...base,
        ...amber('runner-error', `the ${request.language} toolchain could not be prepared on this runner`),
        failingTests: [],
        output: '',
        outputTruncated: false,
        durationMs: Math.round(performance.now() - started),
        finishedAt: new Date().toISOString(),
      };
    }
    const files = { ...toolchain.defaultFiles(request.files), ...request.files };
    const outcome = await this.#sandbox.run(
      { files, script: toolchain.script, env: toolchain.env, mounts: toolchain.mounts },
      slot,
    );
    const { output, truncated } = capOutput(outcome.output, resultOutputBytes);
    return {
      ...base,
      ...this.#verdict(toolchain, outcome),
      output,
      outputTruncated: truncated || outcome.outputTruncated,
      durationMs: outcome.durationMs,
      finishedAt: new Date().toISOString(),
    };
  }

  #verdict(
    toolchain: Toolchain,
    outcome: SandboxOutcome,
  ): Pick<RunResult, 'colour' | 'reason' | 'summary' | 'failingTests'> {
    if (outcome.limit) {
      // A fork bomb's processes also fill memory; when a fork was refused, that is the cause to report.
      const limit =
        outcome.limit === 'memory-limit' && forkRefused.test(outcome.output) ? 'process-limit' : outcome.limit;
      return { ...amber(limit, limitSummary(limit, this.#sandbox)), failingTests: [] };
    }
    if (outcome.exitCode === null || outcome.exitCode >= 125) {
      // 125/126: the sandbox could not be set up or the input not copied; 128+n: a signal the limits explain not.
      return {
        ...amber('runner-error', `the test run ended abnormally (exit ${outcome.exitCode ?? 'killed'})`),
        failingTests: [],
      };
    }
    const report = toolchain.report(outcome.output, outcome.exitCode);
    if (report.verdict === 'pass') return { colour: 'green', summary: report.summary, failingTests: [] };
    const refused = refusals.find((refusal) => refusal.pattern.test(outcome.output));
    if (refused) return { ...amber(refused.reason, refused.summary), failingTests: report.failingTests };
    const ceiling = limitRefusals.find((refusal) => refusal.pattern.test(outcome.output));
    if (ceiling)
      return { ...amber(ceiling.limit, limitSummary(ceiling.limit, this.#sandbox)), failingTests: report.failingTests };
    if (report.verdict === 'fail') return { colour: 'red', summary: report.summary, failingTests: report.failingTests };
    if (report.verdict === 'no-tests') return { ...amber('no-tests', report.summary), failingTests: [] };
    return { ...amber('compile-error', `does not compile: ${report.summary}`), failingTests: [] };
  }
}

function amber(reason: AmberReason, summary: string): { colour: 'amber'; reason: AmberReason; summary: string } {
  return { colour: 'amber', reason, summary: summary.slice(0, 500) };
}

function limitSummary(limit: LimitHit, sandbox: Sandbox): string {
  const l = sandbox.limits;
  const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
  switch (limit) {
    case 'timeout':
      return `timed out after ${l.wallMs / 1000} s (an endless loop or a test waiting forever?)`;
    case 'cpu-limit':
      return `CPU time limit of ${l.cpuSeconds} s reached`;
    case 'memory-limit':
      return `memory limit of ${mib(l.memoryBytes)} reached`;
    case 'process-limit':
      return `process limit of ${l.processes} reached (a fork bomb?)`;
    case 'output-limit':
      return `output limit of ${Math.round(l.outputBytes / 1024)} KiB reached`;
    case 'file-size-limit':
      return `file size limit of ${mib(l.fileBytes)} reached`;
  }
}

/** Keeps the head and the tail of a long output, with a marker of what was cut between them. */
export function capOutput(output: string, maxBytes: number): { output: string; truncated: boolean } {
  if (Buffer.byteLength(output) <= maxBytes) return { output, truncated: false };
  const half = Math.floor(maxBytes / 2);
  const head = Buffer.from(output).subarray(0, half).toString('utf8');
  const tail = Buffer.from(output).subarray(-half).toString('utf8');
  return { output: `${head}\n… (output cut) …\n${tail}`, truncated: true };
}
