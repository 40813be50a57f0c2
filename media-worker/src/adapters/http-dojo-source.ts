import { z } from 'zod';
import type { DojoParticipation, DojoSource } from '../domain/dojo-source.ts';
import { type InternalEndpoint, internalGet } from './internal-get.ts';

const memberDojosSchema = z.object({
  items: z.array(
    z.object({ dojoId: z.uuid(), joinedAt: z.iso.datetime(), runs: z.array(z.enum(['red', 'amber', 'green'])) }),
  ),
});
const dojosSchema = z.object({ items: z.array(z.object({ id: z.uuid(), title: z.string() })) });

/**
 * A member's dojos of the year: which they joined and the traffic lights of
 * their runs from dojo-engine (`GET /internal/v1/member-dojos`), their titles
 * from platform-api (`GET /internal/v1/dojos`), the two services that own them.
 */
export class HttpDojoSource implements DojoSource {
  readonly #engine: InternalEndpoint;
  readonly #platform: InternalEndpoint;

  constructor(options: {
    engineUrl: string;
    platformUrl: string;
    token: string;
    timeoutMs?: number;
    fetch?: typeof fetch;
  }) {
    const common = {
      token: options.token,
      timeoutMs: options.timeoutMs ?? 15_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    this.#engine = { ...common, baseUrl: options.engineUrl };
    this.#platform = { ...common, baseUrl: options.platformUrl };
  }

  async listParticipation(
    query: { tenantId: string; userId: string; from: string; to: string },
    signal?: AbortSignal,
  ): Promise<DojoParticipation[]> {
    const joined = await internalGet(
      this.#engine,
      `/internal/v1/member-dojos?${new URLSearchParams(query)}`,
      memberDojosSchema,
      signal,
    );
    if (joined.items.length === 0) return [];
    const titles = await internalGet(
      this.#platform,
      `/internal/v1/dojos?${new URLSearchParams({ tenantId: query.tenantId })}`,
      dojosSchema,
      signal,
    );
    const names = new Map(titles.items.map((dojo) => [dojo.id, dojo.title]));
    // A dojo the platform no longer lists (deleted) keeps its place, under a neutral name.
    return joined.items.map((dojo) => ({ ...dojo, name: names.get(dojo.dojoId) ?? 'Dojo' }));
  }
}
