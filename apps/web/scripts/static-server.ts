import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { type RuntimeConfig, renderConfigScript } from './runtime-config.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every response carries. Scripts only from this origin; the API, engine and S3 are other origins. */
const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; media-src 'self' blob: https: http:; connect-src 'self' https: http: ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
};

/** Encodings the build writes beside each file (scripts/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: 'br' },
  { name: 'gzip', suffix: 'gz' },
] as const;

/** The best precompressed copy of `file` the client accepts (`q=0` refuses), if one was built. */
async function precompressedVariant(file: string, acceptEncoding: string) {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  for (const encoding of ENCODINGS) {
    const q = accepted.get(encoding.name) ?? accepted.get('*') ?? 0;
    if (q <= 0) continue;
    const exists = await stat(`${file}.${encoding.suffix}`).then(
      (s) => s.isFile(),
      () => false,
    );
    if (exists) return encoding;
  }
  return undefined;
}

export interface WebServerOptions {
  dir: string;
  port: number;
  host?: string;
  config: RuntimeConfig;
  logger: Logger;
}

/**
 * Serves the built bundle: brotli or gzip copies when the client takes them,
 * hashed assets cached for a year (immutable), index.html and
 * `/config.js` never cached, and every other path without a file answered
 * with index.html (client-side routes).
 */
export async function startWebServer(options: WebServerOptions): Promise<{ server: Server; url: string }> {
  const configScript = renderConfigScript(options.config);
  const root = normalize(options.dir);

  const sendFile = async (req: IncomingMessage, res: ServerResponse, file: string, cache: string, method: string) => {
    const encoding = await precompressedVariant(file, String(req.headers['accept-encoding'] ?? ''));
    const served = encoding ? `${file}.${encoding.suffix}` : file;
    const info = await stat(served);
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': cache,
      // Caches (CloudFront included) keep one copy per encoding.
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding.name } : {}),
    });
    if (method === 'HEAD') return void res.end();
    createReadStream(served).pipe(res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...securityHeaders }).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/config.js') {
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : configScript);
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(400, securityHeaders).end();
      return;
    }
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) {
      const immutable = path.startsWith('/assets/');
      await sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache', method);
      return;
    }
    if (extname(path) !== '') {
      res.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    await sendFile(req, res, join(root, 'index.html'), 'no-cache', method);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host ?? '127.0.0.1'}:${port}` };
}
