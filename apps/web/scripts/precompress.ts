import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text-like files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.wasm', '.txt']);
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Writes `file.br` and `file.gz` beside every compressible file of a build, so
 * the web server (and S3/CloudFront, which serve what they are given) send
 * compressed bytes without compressing per request. Brotli at its best
 * quality for the small files, a lighter one for the multi-megabyte WASM,
 * which would otherwise take most of the build.
 */
export async function precompress(dir: string): Promise<void> {
  const work: Promise<void>[] = [];
  for await (const file of files(dir)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const { size } = await stat(file);
    if (size < MIN_BYTES) continue;
    work.push(
      (async () => {
        const bytes = await readFile(file);
        const quality = size > 1_000_000 ? 9 : constants.BROTLI_MAX_QUALITY;
        const [br, gzipped] = await Promise.all([
          brotli(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: size },
          }),
          gz(bytes, { level: 9 }),
        ]);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
      })(),
    );
  }
  await Promise.all(work);
}
