/** A dojo a member joined in the year, and the traffic lights of its test runs, oldest first. */
export interface DojoParticipation {
  dojoId: string;
  name: string;
  /** When the member first joined it in the period (ISO). */
  joinedAt: string;
  runs: ('red' | 'amber' | 'green')[];
}

/**
 * Where the yearly video learns which dojos a member joined. The production
 * adapter asks the platform's internal export; without one configured the
 * video says the member joined none.
 */
export interface DojoSource {
  listParticipation(
    query: { tenantId: string; userId: string; from: string; to: string },
    signal?: AbortSignal,
  ): Promise<DojoParticipation[]>;
}

/** No dojo data: the dojos card says there were none. */
export const noDojos: DojoSource = { listParticipation: async () => [] };
