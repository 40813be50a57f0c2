import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { precompress } from './precompress.ts';

/** apps/web */
export const webRoot = join(import.meta.dirname, '..');
export const distDir = join(webRoot, 'dist');
const stampFile = join(distDir, '.build-stamp');

/** Inputs of the bundle: when any is newer than the last build, the build is stale. */
const inputs = [
  join(webRoot, 'src'),
  join(webRoot, 'public'),
  join(webRoot, 'index.html'),
  join(webRoot, 'vite.config.ts'),
  join(webRoot, 'scripts', 'catalogue-parts-plugin.ts'),
  join(webRoot, 'package.json'),
  // The browser code imports common/src (the dojo protocol, the language catalogue, the password policy…).
  join(webRoot, '..', '..', 'common', 'src'),
];

async function newestMtime(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than any of its inputs. */
export async function isBuildStale(): Promise<boolean> {
  if (!existsSync(stampFile)) return true;
  const built = (await stat(stampFile)).mtimeMs;
  for (const input of inputs) if ((await newestMtime(input)) > built) return true;
  return false;
}

/**
 * Builds with Vite into a private directory, then swaps it in, so that a
 * concurrent build (two test workers) or a server reading dist/ never sees a
 * half-written bundle.
 */
export async function build(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  const startedAt = Date.now();
  const staging = join(webRoot, '.tmp', `build-${process.pid}-${startedAt}`);
  await mkdir(staging, { recursive: true });
  // Vite builds React's development bundle when NODE_ENV says so (tests set it to "test"):
  // what we serve is always the production bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({
      configFile: join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await precompress(staging);
  await writeFile(join(staging, '.build-stamp'), new Date().toISOString());
  // A concurrent builder (another test worker) finished first from the same sources: keep its dist.
  if (existsSync(stampFile) && (await stat(stampFile)).mtimeMs >= startedAt) {
    await rm(staging, { recursive: true, force: true });
    return;
  }
  const old = `${staging}-old`;
  if (existsSync(distDir)) await rename(distDir, old).catch(() => undefined);
  try {
    await rename(staging, distDir);
  } catch (error) {
    // Another builder won the race: its dist is as fresh as ours.
    if (!existsSync(stampFile)) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
}

/** Builds only when needed; returns whether it built. */
export async function ensureBuilt(): Promise<boolean> {
  if (!(await isBuildStale())) return false;
  await build();
  return true;
}
