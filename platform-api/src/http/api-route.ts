import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type Router from '@koa/router';
import type { Role } from '@pocdojo/common/tokens';
import type { Context } from 'koa';
import type { z } from 'zod';
import { problem } from '../errors.ts';
import type { AuthContext } from './authentication.ts';
import { assertStorableStrings, parseOrThrow } from './validation.ts';

/** Who may call a route: anyone, a signed-in member (optionally with roles), or another service. */
export type Access = { kind: 'public' } | { kind: 'user'; roles?: readonly Role[] } | { kind: 'internal' };

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  auth: AuthContext;
  ctx: Context;
}

/**
 * One HTTP route: the zod schemas here both validate requests and generate the
 * OpenAPI document, so the two cannot drift.
 */
export interface ApiRoute<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Koa-style path, `/v1/pocs/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler(input: RouteInput<B, Q, P>): Promise<void> | void;
}

/** Declares a route with its types inferred from its schemas. */
export const defineRoute = <B = undefined, Q = undefined, P = undefined>(route: ApiRoute<B, Q, P>): ApiRoute<B, Q, P> =>
  route;

/** The auth requirement as middleware. `authenticate` resolves the caller or throws 401. */
export type Authenticator = (ctx: Context, access: Access) => Promise<AuthContext>;

// biome-ignore lint/suspicious/noExplicitAny: a list of routes with different body/query/param types
export type AnyRoute = ApiRoute<any, any, any>;

/** Mounts routes on `router`, validating params, query and body before the handler runs. */
export function mountRoutes(router: Router, routes: AnyRoute[], authenticate: Authenticator): void {
  for (const route of routes) {
    router[route.method](route.path, async (ctx) => {
      const auth = await authenticate(ctx, route.access);
      assertStorableStrings(ctx.params, 'params');
      assertStorableStrings(ctx.query, 'query');
      const params = route.params ? parseOrThrow(route.params, ctx.params, 'params') : undefined;
      const query = route.query ? parseOrThrow(route.query, ctx.query, 'query') : undefined;
      let body: unknown;
      if (route.body) {
        const raw = (ctx.request as { body?: unknown }).body;
        if (raw === undefined) throw problem('validation_failed', 'A JSON body is required');
        assertStorableStrings(raw, 'body');
        body = parseOrThrow(route.body, raw, 'body');
      }
      await route.handler({ body, query, params, auth, ctx });
    });
  }
}

/** The route as an OpenAPI path item (`:id` → `{id}`). */
export function openApiPath(route: AnyRoute, problemSchema: z.ZodType): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.schema
      ? { description: response.description, content: { 'application/json': { schema: response.schema } } }
      : { description: response.description };
  }
  responses.default = {
    description: 'An RFC 9457 problem (validation errors carry `errors[]`)',
    content: { 'application/problem+json': { schema: problemSchema } },
  };
  return {
    method: route.method,
    path: route.path.replace(/:(\w+)/g, '{$1}'),
    summary: route.summary,
    tags: [route.tag],
    security:
      route.access.kind === 'public' ? [] : [{ [route.access.kind === 'internal' ? 'internal' : 'bearer']: [] }],
    request: {
      ...(route.params ? { params: route.params as z.ZodObject } : {}),
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
      ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    },
    responses,
  };
}
