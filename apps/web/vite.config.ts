import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { catalogueParts } from './scripts/catalogue-parts-plugin.ts';
import { renderConfigScript } from './scripts/runtime-config.ts';

/** `vite dev` serves `/config.js` from API_URL and ENGINE_URL (defaults: the local `npm start` ports). */
function devRuntimeConfig(): Plugin {
  return {
    name: 'pocdojo-dev-config',
    apply: 'serve',
    configureServer(server) {
      const script = renderConfigScript({
        apiUrl: process.env.API_URL ?? 'http://127.0.0.1:3000',
        engineUrl: process.env.ENGINE_URL ?? 'http://127.0.0.1:2567',
      });
      server.middlewares.use('/config.js', (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(script);
      });
    },
  };
}

/**
 * The production build is plain static files (S3 + CloudFront). Addresses of
 * the API and the engine are not compiled in: `/config.js` is written at serve
 * or deploy time (see scripts/serve.ts).
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), devRuntimeConfig(), catalogueParts()],
  // Messages are parsed at build time (scripts/catalogue-parts-plugin.ts): the browser skips formatjs's parser.
  resolve: {
    alias: [
      { find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
