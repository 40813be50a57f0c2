import { z } from 'zod';

/**
 * What a tenant may use. Each limit is enforced where the resource is created:
 * platform-api for POCs, attachments, storage and media jobs, dojo-engine for
 * the participants connected at once (the ticket carries the limit).
 */
export interface QuotaLimits {
  /** POCs the team may hold. */
  pocs: number;
  /** Bytes of attachments and rendered media the team may keep. */
  storageBytes: number;
  /** The largest single attachment. */
  attachmentBytes: number;
  /** Reports asked for per UTC day. */
  reportsPerDay: number;
  /** Yearly videos asked for per UTC day. */
  videosPerDay: number;
  /** Media jobs of the team on the queue or rendering at once; later ones wait their turn (fair queueing). */
  concurrentJobs: number;
  /** People connected to the team's dojos at once, over all its dojos and engine pods. */
  dojoParticipants: number;
}

export const QuotaNames = [
  'pocs',
  'storageBytes',
  'attachmentBytes',
  'reportsPerDay',
  'videosPerDay',
  'concurrentJobs',
  'dojoParticipants',
] as const satisfies readonly (keyof QuotaLimits)[];
export type QuotaName = (typeof QuotaNames)[number];

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The plans on sale. Size each limit against what one render worker and one engine pod carry. */
export const Plans = {
  free: {
    pocs: 100,
    storageBytes: 1 * GiB,
    attachmentBytes: 10 * MiB,
    reportsPerDay: 20,
    videosPerDay: 5,
    concurrentJobs: 1,
    dojoParticipants: 10,
  },
  team: {
    pocs: 5_000,
    storageBytes: 50 * GiB,
    attachmentBytes: 25 * MiB,
    reportsPerDay: 200,
    videosPerDay: 50,
    concurrentJobs: 3,
    dojoParticipants: 100,
  },
  enterprise: {
    pocs: 100_000,
    storageBytes: 1024 * GiB,
    attachmentBytes: 25 * MiB,
    reportsPerDay: 2_000,
    videosPerDay: 500,
    concurrentJobs: 8,
    dojoParticipants: 1_000,
  },
} as const satisfies Record<string, QuotaLimits>;
export type PlanName = keyof typeof Plans;
export const PlanNames = Object.keys(Plans) as [PlanName, ...PlanName[]];

/** Per-tenant exceptions an operator grants on top of the plan (support, trials). */
export const quotaOverridesSchema = z
  .object(
    Object.fromEntries(QuotaNames.map((name) => [name, z.number().int().nonnegative().optional()])) as Record<
      QuotaName,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict()
  .meta({ id: 'QuotaOverrides' });
export type QuotaOverrides = Partial<QuotaLimits>;

/** The limits a tenant on `plan` with `overrides` gets. */
export function effectiveLimits(plan: string, overrides: QuotaOverrides = {}): QuotaLimits {
  const base: QuotaLimits = Plans[plan as PlanName] ?? Plans.free;
  return { ...base, ...overrides };
}

/**
 * The same limit as a SQL expression over a `tenants` row aliased `t`, generated
 * from the catalogue above, so the hot POC insert reads the current plan and
 * overrides in its own statement.
 */
export function limitSql(name: QuotaName): string {
  const cases = Object.entries(Plans)
    .map(([plan, limits]) => `when '${plan}' then ${limits[name]}`)
    .join(' ');
  return `coalesce((t.quota_overrides ->> '${name}')::bigint, case t.plan ${cases} else ${Plans.free[name]} end)`;
}
