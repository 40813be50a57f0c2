import { z } from 'zod';
import { searchablePocSchema } from './poc.ts';

/** Page sizes of the export: what a reader may ask for, and what it gets when it does not say. */
export const PocExportLimits = { defaultPageSize: 500, maxPageSize: 1000 } as const;

/**
 * `GET /internal/v1/pocs` (Bearer INTERNAL_TOKEN): platform-api's export of
 * searchable POCs, oldest first, that search-indexer rebuilds its index from and
 * media-worker renders reports and videos from. All tenants unless `tenantId`;
 * `from`/`to` (days, `to` excluded) filter on `startedAt ?? createdAt`.
 */
export const pocExportQuerySchema = z
  .object({
    tenantId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(PocExportLimits.maxPageSize).default(PocExportLimits.defaultPageSize),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(300).optional(),
  })
  .strict();
export type PocExportQuery = z.input<typeof pocExportQuerySchema>;

/** One page of the export; `nextCursor` is null on the last. */
export const pocExportPageSchema = z.object({
  items: z.array(searchablePocSchema),
  nextCursor: z.string().nullable(),
});
export type PocExportPage = z.infer<typeof pocExportPageSchema>;
