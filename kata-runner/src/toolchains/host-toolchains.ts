import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunLanguage } from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { defaultGoMod, goOfflineEnv, goToolchain } from './go.ts';
import { javaToolchain } from './java.ts';
import { pythonToolchain } from './python.ts';
import type { Toolchain } from './toolchain.ts';
import { typescriptToolchain } from './typescript.ts';

const run = promisify(execFile);

export interface HostToolchainOptions {
  /** Python interpreter that has pytest (default python3 on PATH). */
  python: string;
  /** go binary (default go on PATH). */
  go: string;
  /** JUnit 5 console launcher jar. */
  junitConsoleJar: string;
  /** Where the Go build cache template is kept between starts (made on first start: about a minute). */
  cacheDir: string;
  logger: Logger;
}

/**
 * Finds this machine's toolchains for every kata language. A missing one is logged and left out: the runner
 * answers that language's runs amber ("no toolchain") and reports it on /readyz.
 */
export async function discoverToolchains(options: HostToolchainOptions): Promise<Map<RunLanguage, Toolchain>> {
  const found = new Map<RunLanguage, Toolchain>();
  found.set('typescript', typescriptToolchain());
  try {
    const { stdout } = await run(options.python, [
      '-c',
      'import os, sys, pytest; print(sys.prefix); print(os.path.realpath(sys.executable)); print(os.path.dirname(os.path.dirname(pytest.__file__)))',
    ]);
    const [prefix, executable, sitePackages] = stdout.trim().split('\n');
    found.set('python', pythonToolchain({ prefix: prefix!, executable: executable!, sitePackages: sitePackages! }));
  } catch (error) {
    options.logger.warn({ err: error }, 'no Python with pytest: Python runs are unavailable');
  }
  try {
    const goroot = (await run(options.go, ['env', 'GOROOT'])).stdout.trim();
    // Warmed in the background: the runner serves the other languages at once, Go runs wait for it.
    const ready = warmGoCache(join(goroot, 'bin', 'go'), options.cacheDir, options.logger).then(() => {});
    ready.catch((error: unknown) => options.logger.error({ err: error }, 'warming the Go build cache failed'));
    found.set('go', goToolchain({ goroot, cacheTemplate: goCacheTemplate(options.cacheDir), ready }));
  } catch (error) {
    options.logger.warn({ err: error }, 'no Go toolchain: Go runs are unavailable');
  }
  try {
    await run('javac', ['-version']);
    if (!existsSync(options.junitConsoleJar)) throw new Error(`${options.junitConsoleJar} not found`);
    found.set('java', javaToolchain({ consoleJar: options.junitConsoleJar }));
  } catch (error) {
    options.logger.warn({ err: error }, 'no JDK or JUnit console launcher: Java runs are unavailable');
  }
  return found;
}

const goCacheTemplate = (cacheDir: string) => join(cacheDir, 'go-build');

/**
 * A Go build cache holding the standard library and `testing` compiled, made by the runner (never by kata
 * code) outside any sandbox. Each run copies it into its own tmpfs, so a warm run compiles only the kata's
 * package, and nothing a run writes reaches the next one.
 */
async function warmGoCache(go: string, cacheDir: string, logger: Logger): Promise<string> {
  const template = goCacheTemplate(cacheDir);
  if (existsSync(join(template, 'README'))) return template;
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'warm-'));
  try {
    await writeFile(join(work, 'go.mod'), defaultGoMod);
    await writeFile(
      join(work, 'kata.go'),
      'package kata\n\nimport "strings"\n\nfunc F() string { return strings.ToUpper("a") }\n',
    );
    await writeFile(
      join(work, 'kata_test.go'),
      'package kata\n\nimport (\n\t"fmt"\n\t"testing"\n)\n\nfunc TestF(t *testing.T) { t.Log(fmt.Sprint(F())) }\n',
    );
    logger.info({ template }, 'warming the Go build cache (once)');
    const cache = join(work, 'cache');
    await run(go, ['test', '-count=1', '-vet=off', '-v', './...'], {
      cwd: work,
      env: { ...process.env, ...goOfflineEnv, GOCACHE: cache, GOPATH: join(work, 'gopath') },
      timeout: 600_000,
    });
    await rm(template, { recursive: true, force: true });
    await rename(cache, template);
    return template;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
