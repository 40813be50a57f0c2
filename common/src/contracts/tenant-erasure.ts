import { z } from 'zod';

/**
 * The erasure of a whole team (LGPD Art. 18, VI), across services: when the
 * grace period of a team's deletion ends, platform-api erases its own rows and
 * publishes `tenant.erased` (through its outbox) to the queue of every service
 * that keeps tenant data; each erases what it keeps — idempotently, since a
 * report can be lost and the event sent again — and answers
 * `tenant.erasure_reported` on `erasure-reports`. When every service listed
 * here has reported, platform-api finishes: the team's last row is a tombstone
 * (tenant id, dates), see docs/adr/0010-team-erasure.md.
 */
export const ErasureServices = ['dojo-engine', 'search-indexer', 'notifier', 'media-worker'] as const;
export type ErasureService = (typeof ErasureServices)[number];

/** The queue each service hears `tenant.erased` on (the one it already consumes). */
export const erasureQueueOf: Record<ErasureService, string> = {
  'dojo-engine': 'dojo-events',
  'search-indexer': 'poc-events',
  notifier: 'notifications',
  'media-worker': 'media-jobs',
};

/** `tenant.erased`: every trace of the envelope's tenant must go. */
export const tenantErasedSchema = z.object({ erasedAt: z.string() });

/** `tenant.erasure_reported`: `service` erased everything it kept of the envelope's tenant. */
export const tenantErasureReportedSchema = z.object({ service: z.enum(ErasureServices) });
