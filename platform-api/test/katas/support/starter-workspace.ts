import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kata } from '../../../src/katas/kata.ts';
import { type Language, languageConventions } from '../../../src/katas/language.ts';

/**
 * A refactoring kata starts green (its characterisation test records what the
 * legacy code does); every other kata starts red, with a first failing test.
 */
export function startsGreen(kata: Kata): boolean {
  return kata.tags.includes('refactoring');
}

/** The kata's starter files for one language, split into the code file(s) and the test file(s). */
export function starterParts(kata: Kata, language: Language): { code: string[]; tests: string[] } {
  const paths = Object.keys(kata.starters[language].files);
  const isTest = languageConventions[language].isTestFile;
  return { code: paths.filter((path) => !isTest(path)), tests: paths.filter(isTest) };
}

/** A fresh temporary directory holding a kata's starter files for one language, as a participant would get them. */
export async function writeStarters(kata: Kata, language: Language): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `kata-${kata.id}-${language}-`));
  for (const [path, text] of Object.entries(kata.starters[language].files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  /** Exit code, or null when the process could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion without a shell; never rejects, so callers can assert on the exit code. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr + String(error) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Whether a command exists on this machine (the compilers are optional; their tests skip without them). */
export async function commandExists(command: string, versionArgs: readonly string[] = ['--version']): Promise<boolean> {
  const result = await run(command, versionArgs, { timeoutMs: 20_000 });
  return result.code === 0;
}
