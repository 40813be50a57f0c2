import { z } from 'zod';

/**
 * What dojo-engine says a dojo produced (`GET /v1/dojos/:id/outcome` on the
 * engine, tenant-scoped by the caller's own access token): the final files,
 * the traffic lights, the participants.
 */
export const dojoOutcomeSchema = z.object({
  files: z.record(z.string(), z.string()),
  participants: z.array(z.object({ userId: z.string(), name: z.string() })),
  runs: z.array(
    z.object({
      colour: z.enum(['red', 'amber', 'green']),
      summary: z.string().optional().default(''),
      name: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type DojoOutcome = z.infer<typeof dojoOutcomeSchema>;

/** Why the outcome could not be read. */
export type OutcomeFailure = 'never_held' | 'unavailable';

/**
 * Reads a dojo's outcome from the engine on behalf of the caller (their bearer
 * token goes along, so the engine applies its own tenant check).
 */
export async function fetchDojoOutcome(
  engineUrl: string,
  dojoId: string,
  authorization: string,
  timeoutMs = 10_000,
): Promise<DojoOutcome | OutcomeFailure> {
  let response: Response;
  try {
    response = await fetch(`${engineUrl.replace(/\/$/, '')}/v1/dojos/${encodeURIComponent(dojoId)}/outcome`, {
      headers: { authorization },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return 'unavailable';
  }
  if (response.status === 404) return 'never_held';
  if (!response.ok) return 'unavailable';
  const parsed = dojoOutcomeSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : 'unavailable';
}
