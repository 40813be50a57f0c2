import { z } from 'zod';
import { PocStatuses } from './vocabularies.ts';

/**
 * A proof of concept as it crosses processes: platform-api's API view (`Poc` in
 * docs/openapi.json) and the export pages are this shape; the `poc.upserted`
 * event and the internal export add the tenant ({@link searchablePocSchema}).
 * Dates are ISO strings: `startedAt`/`finishedAt` days, the others UTC instants.
 */
export const pocSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  tags: z.array(z.string()),
  repoUrl: z.string().nullable(),
  status: z.enum(PocStatuses),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Grows by one with every change, from 1; consumers keep the highest they saw. */
  version: z.number().int().positive(),
});
export type Poc = z.infer<typeof pocSchema>;

/** The full searchable POC carried by `poc.upserted` and the internal export: a POC and its tenant. */
export const searchablePocSchema = pocSchema.extend({ tenantId: z.uuid() });
export type SearchablePoc = z.infer<typeof searchablePocSchema>;
