import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type Router from '@koa/router';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import { responseLocale } from '@pocdojo/common/problem';
import type { Context } from 'koa';
import type { z } from 'zod';
import { problem } from '../errors.ts';
import type { AuthContext } from './authentication.ts';
import { assertStorableStrings, parseOrThrow } from './validation.ts';

/** Who may call a route: anyone, a signed-in member (optionally with roles), or another service. */
export type Access =
  | { kind: 'public' }
  | {
      kind: 'user';
      roles?: readonly Role[];
      /** Reachable before enrolling in two-factor login when the team requires it (the enrolment itself). */
      mfaExempt?: true;
    }
  | { kind: 'internal' };

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
  /** The operation's name for client generators; derived from the method and path when absent. */
  operationId?: string;
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
      const locale = responseLocale(ctx);
      const params = route.params ? parseOrThrow(route.params, ctx.params, 'params', locale) : undefined;
      const query = route.query ? parseOrThrow(route.query, ctx.query, 'query', locale) : undefined;
      let body: unknown;
      if (route.body) {
        const raw = (ctx.request as { body?: unknown }).body;
        if (raw === undefined) throw problem('validation_failed', 'request.body_required');
        assertStorableStrings(raw, 'body');
        body = parseOrThrow(route.body, raw, 'body', locale);
      }
      await route.handler({ body, query, params, auth, ctx });
    });
  }
}

/**
 * A stable operation name from the method and path, for client generators: `GET /v1/pocs/:id` →
 * `getPocsById`, `POST /v1/dojos/:id/tickets` → `postDojosByIdTickets`, `GET /internal/v1/members` →
 * `getInternalMembers`.
 */
export function operationIdOf(route: Pick<AnyRoute, 'method' | 'path' | 'operationId'>): string {
  if (route.operationId) return route.operationId;
  const words = route.path
    .split('/')
    .filter((segment) => segment && !/^v\d+$/.test(segment))
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[-_.]/))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return route.method + words.join('');
}

/** The 4xx answers every route of this shape can give besides its own, all as problem+json. */
function standardProblems(route: AnyRoute): Record<number, string> {
  const problems: Record<number, string> = {};
  if (route.params || route.query || route.body) problems[400] = 'The request is invalid (`errors[]` names each field)';
  if (route.access.kind !== 'public') problems[401] = 'No valid token, or the member is no longer part of the team';
  if (route.access.kind === 'user' && route.access.roles) problems[403] = "The member's current role may not do this";
  if (route.params) problems[404] = 'Not found in this team';
  if (route.body) {
    problems[413] = 'The body is larger than the limit';
    problems[415] = 'The body is not JSON';
  }
  problems[429] = 'Too many requests: retry after the `Retry-After` seconds';
  problems[503] = 'The database (or search) is unavailable for a moment: retry after the `Retry-After` seconds';
  return problems;
}

/** The route as an OpenAPI path item (`:id` → `{id}`). */
export function openApiPath(route: AnyRoute, problemSchema: z.ZodType): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  const problemContent = { 'application/problem+json': { schema: problemSchema } };
  for (const [status, description] of Object.entries(standardProblems(route))) {
    responses[status] = { description, content: problemContent };
  }
  for (const [status, response] of Object.entries(route.responses)) {
    const isProblem = Number(status) >= 400;
    responses[status] = response.schema
      ? { description: response.description, content: { 'application/json': { schema: response.schema } } }
      : isProblem
        ? { description: response.description, content: problemContent }
        : { description: response.description };
  }
  responses.default = {
    description: 'An RFC 9457 problem (validation errors carry `errors[]`)',
    content: problemContent,
  };
  return {
    method: route.method,
    path: route.path.replace(/:(\w+)/g, '{$1}'),
    operationId: operationIdOf(route),
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
