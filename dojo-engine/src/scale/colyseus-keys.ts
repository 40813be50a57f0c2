/**
 * Names of the Redis keys and pub/sub channels that @colyseus/core 0.18 keeps
 * per process (see MatchMaker.ts / Stats.ts in node_modules). Colyseus does not
 * export them, so they are pinned here next to the only code that relies on
 * them; re-check this file when @colyseus/core changes version.
 */
export const ColyseusKeys = {
  /** Hash processId → "roomCount,ccu": the processes matchmaking may create rooms on. */
  roomCount: 'roomcount',
  /** Receipt a sweeper leaves for a process whose listings it removed; a stalled process that finds it restores them. */
  swept: (processId: string) => `swept:${processId}`,
  /** Pub/sub channel each live process subscribes to for IPC (room creation, health checks). */
  processChannel: (processId: string) => `p:${processId}`,
} as const;

/** How long the swept receipt lives (Colyseus's own SWEPT_RECEIPT_TTL default). */
export const SWEPT_RECEIPT_TTL_SECONDS = 600;
