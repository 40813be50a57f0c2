import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Router from '@koa/router';
import type { JWK } from 'jose';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PocDojo API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><main id="api"></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const initScript = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#api', deepLinking: true });`;

/** JWKS, the OpenAPI document and a browsable page for it (Swagger UI served from npm, no CDN). */
export function metaRouter(publicJwk: JWK, openApi: () => object): Router {
  const router = new Router();
  let document: object | undefined;
  router.get('/.well-known/jwks.json', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { keys: [publicJwk] };
  });
  router.get('/v1/openapi.json', (ctx) => {
    document ??= openApi();
    ctx.body = document;
  });
  router.get('/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = docsPage;
  });
  router.get('/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = initScript;
  });
  router.get('/docs/assets/:file', async (ctx) => {
    if (!SWAGGER_FILES.has(ctx.params.file ?? '')) return;
    ctx.type = ctx.params.file?.split('.').pop() ?? 'bin';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(join(swaggerDir, ctx.params.file as string));
  });
  return router;
}
