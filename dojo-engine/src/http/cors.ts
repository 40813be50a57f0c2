import { matchMaker } from '@colyseus/core';
import type { Middleware } from 'koa';

/**
 * Cross-origin access to the engine's HTTP surface for the configured origins
 * only (the web app's). Colyseus's default answers every origin by reflecting
 * it with `Access-Control-Allow-Credentials: true`, so any site could drive
 * matchmaking with a visitor's cookies; here an origin outside the list gets no
 * CORS headers at all, and the browser refuses to hand it the response.
 */
export class CorsPolicy {
  readonly #origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins.map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean));
  }

  /** Parses a comma-separated list (`CORS_ORIGINS`). */
  static fromList(list: string | undefined): CorsPolicy {
    return new CorsPolicy((list ?? '').split(','));
  }

  allows(origin: string | null | undefined): origin is string {
    return !!origin && this.#origins.has(origin);
  }

  /** Headers for a response to `origin`: empty unless it is allowed. */
  headersFor(origin: string | null | undefined): Record<string, string> {
    if (!this.allows(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  /**
   * Applies the policy to Colyseus's matchmaking routes (module state of
   * @colyseus/core: one policy per process, which is one engine).
   */
  applyToMatchmaking(): void {
    const controller = matchMaker.controller;
    // Colyseus spreads these under whatever getCorsHeaders returns: keep only what is not CORS.
    controller.DEFAULT_CORS_HEADERS = {} as typeof controller.DEFAULT_CORS_HEADERS;
    controller.getCorsHeaders = (headers: Headers) => this.headersFor(headers.get('origin'));
  }

  /** The same policy for the engine's own routes (history API, health). */
  middleware(): Middleware {
    return async (ctx, next) => {
      const headers = this.headersFor(ctx.get('origin') || undefined);
      ctx.set(headers);
      ctx.vary('Origin');
      if (ctx.method === 'OPTIONS') {
        ctx.status = 204;
        return;
      }
      await next();
    };
  }
}
