import { SearchLimits, searchResultSchema } from '@pocdojo/common/contracts/search';
import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import { canonicalLanguage } from '@pocdojo/common/languages';
import { z } from 'zod';
import type { PlatformDeps } from '../../deps.ts';
import { tagLabel } from '../../domain/poc-input.ts';
import { problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';

/** `a,b` or repeated parameters → labels, each `spell`ed (the engines compare them case-insensitively). */
const labelList = (spell: (label: string) => string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      (Array.isArray(v) ? v : v ? [v] : [])
        .flatMap((s) => s.split(','))
        .map((s) => spell(s))
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(SearchLimits.maxFilterValueLength)).max(SearchLimits.maxFilterValues));

const searchQuery = z
  .object({
    q: z.string().max(SearchLimits.maxQueryLength).default(''),
    languages: labelList(canonicalLanguage),
    tags: labelList(tagLabel),
    statuses: labelList((s) => s.trim()).pipe(z.array(z.enum(PocStatuses))),
    owner: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(SearchLimits.maxLimit).default(SearchLimits.defaultLimit),
    offset: z.coerce.number().int().min(0).max(SearchLimits.maxOffset).default(0),
  })
  .strict()
  // The engines return at most the first maxWindow hits (Meilisearch's maxTotalHits).
  .refine((q) => q.offset + q.limit <= SearchLimits.maxWindow, { message: 'field.offset_limit', path: ['offset'] });

const searchResult = searchResultSchema.meta({ id: 'SearchResult' });

export function searchRoutes(deps: PlatformDeps): AnyRoute[] {
  const search = defineRoute({
    method: 'get',
    path: '/v1/pocs/search',
    summary: "Typo-tolerant search over the team's POCs, with language/tag facets and highlights",
    tag: 'pocs',
    access: { kind: 'user' },
    query: searchQuery,
    responses: { 200: { description: 'Hits, facets and total', schema: searchResult } },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      if (!deps.search) throw problem('search_unavailable', 'search.not_configured');
      let answer: { status: number; body: unknown };
      try {
        const { owner, ...rest } = query;
        answer = await deps.search.search(user.tenantId, { ...rest, ...(owner ? { ownerId: owner } : {}) });
      } catch (error) {
        deps.logger.warn({ err: error }, 'search-indexer unreachable');
        throw problem('search_unavailable', 'search.unavailable');
      }
      if (answer.status === 400) {
        // The indexer's own words are English; the client gets ours in its language.
        throw problem('validation_failed', 'search.invalid');
      }
      if (answer.status !== 200) throw problem('search_unavailable', 'search.unavailable');
      ctx.body = answer.body;
    },
  });
  return [search];
}
