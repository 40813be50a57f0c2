import { z } from 'zod';
import type {
  EngineMemberData,
  MemberQuery,
  NotifierMemberData,
  PersonalDataSource,
  PlatformPersonalData,
} from '../domain/personal-data-source.ts';
import { type InternalEndpoint, internalGet } from './internal-get.ts';

const row = z.record(z.string(), z.unknown());
const platformSchema = z.object({
  profile: z.looseObject({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    locale: z.string(),
  }),
  team: z.object({ id: z.uuid(), name: z.string() }),
  pocs: z.array(
    z.looseObject({
      id: z.uuid(),
      name: z.string(),
      attachments: z.array(
        z.object({
          id: z.uuid(),
          fileName: z.string(),
          contentType: z.string(),
          bytes: z.number().int().nonnegative(),
          key: z.string(),
          createdAt: z.string().nullable(),
        }),
      ),
    }),
  ),
  audit: z.array(row),
  dojos: z.array(z.object({ id: z.uuid(), title: z.string() })),
});
const engineSchema = z.object({
  dojos: z.array(
    z.object({
      dojoId: z.uuid(),
      history: z.array(z.object({ kind: z.string(), at: z.string(), name: z.string().nullable(), data: row })),
      edits: z.array(row),
    }),
  ),
});
const notifierSchema = z.object({
  notifications: z.array(row),
  deliveries: z.array(row),
  preferences: z.array(row),
  devices: z.array(row),
});

/**
 * Reads a member's data from the three services that own it, over their
 * internal routes (Bearer INTERNAL_TOKEN), each scoped to the tenant and the
 * member: platform-api (profile, POCs, attachments' keys, audit, dojo titles),
 * dojo-engine (history, chat, changes) and notifier (notifications, deliveries).
 */
export class HttpPersonalDataSource implements PersonalDataSource {
  readonly #platform: InternalEndpoint;
  readonly #engine: InternalEndpoint | null;
  readonly #notifier: InternalEndpoint | null;

  constructor(options: {
    platformUrl: string;
    engineUrl?: string;
    notifierUrl?: string;
    token: string;
    timeoutMs?: number;
    fetch?: typeof fetch;
  }) {
    const common = {
      token: options.token,
      timeoutMs: options.timeoutMs ?? 60_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    this.#platform = { ...common, baseUrl: options.platformUrl };
    this.#engine = options.engineUrl ? { ...common, baseUrl: options.engineUrl } : null;
    this.#notifier = options.notifierUrl ? { ...common, baseUrl: options.notifierUrl } : null;
  }

  async platform(query: MemberQuery, signal?: AbortSignal): Promise<PlatformPersonalData> {
    return internalGet(this.#platform, `/internal/v1/personal-data?${params(query)}`, platformSchema, signal);
  }

  async engine(query: MemberQuery, signal?: AbortSignal): Promise<EngineMemberData | null> {
    if (!this.#engine) return null;
    return internalGet(this.#engine, `/internal/v1/member-data?${params(query)}`, engineSchema, signal);
  }

  async notifier(query: MemberQuery, signal?: AbortSignal): Promise<NotifierMemberData | null> {
    if (!this.#notifier) return null;
    return internalGet(this.#notifier, `/internal/v1/member-data?${params(query)}`, notifierSchema, signal);
  }
}

const params = (query: MemberQuery) => new URLSearchParams({ tenantId: query.tenantId, userId: query.userId });
