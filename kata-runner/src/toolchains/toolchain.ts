import type { RunLanguage } from '@pocdojo/common/contracts/kata-runs';
import type { ReadOnlyMount } from '../sandbox/sandbox.ts';

/** What the tests said, read from a toolchain's output and exit status. */
export interface TestReport {
  /** pass: every test passed; fail: the tests ran and at least one failed; broken: no verdict (does not compile). */
  verdict: 'pass' | 'fail' | 'broken' | 'no-tests';
  failingTests: string[];
  /** e.g. "1 failed, 2 passed", or the first compiler error. */
  summary: string;
}

/**
 * How one language's kata is tested inside the sandbox: which host paths it needs read-only, its
 * environment, the shell script that runs the tests in the work directory, and how to read the result.
 * Each toolchain uses the kata starters' framework (see platform-api/src/katas/language.ts).
 */
export interface Toolchain {
  readonly language: RunLanguage;
  readonly mounts: readonly ReadOnlyMount[];
  readonly env: Readonly<Record<string, string>>;
  /** Files the runner adds when the kata lacks them (e.g. go.mod). */
  defaultFiles(files: Readonly<Record<string, string>>): Record<string, string>;
  readonly script: string;
  /** Resolves when the toolchain may run (Go: its build cache is warm); runs wait for it. */
  readonly ready?: Promise<void>;
  report(output: string, exitCode: number): TestReport;
}

/** "2 failed, 3 passed" from counts, leaving out zeros. */
export function countsSummary(counts: { failed: number; passed: number; skipped?: number }): string {
  const parts = [
    counts.failed ? `${counts.failed} failed` : '',
    counts.passed ? `${counts.passed} passed` : '',
    counts.skipped ? `${counts.skipped} skipped` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'no test ran';
}

/** The first line of output matching `pattern`, trimmed and capped, for a one-line summary. */
export function firstLine(output: string, pattern: RegExp, fallback: string): string {
  const line = output.split('\n').find((candidate) => pattern.test(candidate));
  return (line?.trim() || fallback).slice(0, 300);
}
