import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { precompress } from '../scripts/precompress.ts';
import { startWebServer } from '../scripts/static-server.ts';

const script = `export const answer = ${JSON.stringify('forty-two '.repeat(500))};\n`;

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

test('hashed assets go out brotli- or gzip-compressed as the client accepts, cached for a year', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'web-static-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'assets', 'index-abc123.js'), script);
  await writeFile(join(dir, 'index.html'), `<!doctype html><title>t</title>${'<p>x</p>'.repeat(300)}`);
  await writeFile(join(dir, 'assets', 'tiny-1.js'), 'export {};\n');
  await precompress(dir);
  t.is(await readFile(join(dir, 'assets', 'tiny-1.js.br')).catch(() => null), null, 'tiny files are left alone');

  const { server, url } = await startWebServer({
    dir,
    port: 0,
    config: { apiUrl: 'http://127.0.0.1:1', engineUrl: 'http://127.0.0.1:2' },
    logger: createLogger('web-test', 'silent'),
  });
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const asset = `${url}/assets/index-abc123.js`;
  const br = await get(asset, { 'accept-encoding': 'gzip, deflate, br' });
  t.is(br.headers['content-encoding'], 'br');
  t.is(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  t.is(br.headers.vary, 'accept-encoding');
  t.is(br.headers['content-type'], 'text/javascript; charset=utf-8');
  t.is(brotliDecompressSync(br.body).toString(), script);
  t.true(br.body.length < script.length / 5, `compressed to ${br.body.length} bytes`);

  const gz = await get(asset, { 'accept-encoding': 'gzip' });
  t.is(gz.headers['content-encoding'], 'gzip');
  t.is(gunzipSync(gz.body).toString(), script);

  const refused = await get(asset, { 'accept-encoding': 'br;q=0, gzip;q=0' });
  t.is(refused.headers['content-encoding'], undefined);
  t.is(refused.body.toString(), script);
  const plain = await get(asset, {});
  t.is(plain.headers['content-encoding'], undefined);

  const page = await get(`${url}/pocs`, { 'accept-encoding': 'br' });
  t.is(page.headers['content-encoding'], 'br', 'the page itself is compressed too');
  t.is(page.headers['cache-control'], 'no-cache');
});
