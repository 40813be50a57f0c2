import type { Tx } from '../db/database.ts';

/**
 * Postgres LISTEN/NOTIFY channels that tie replicas together: a notification
 * written by one replica reaches the SSE streams of every replica, and a new
 * delivery wakes the dispatchers. NOTIFY is transactional: it is sent on commit.
 */
export const LiveChannels = {
  /** Payload `tenantId:userId`: that user's in-app notifications changed. */
  inbox: 'notifier_inbox',
  /** No payload: deliveries are due. */
  deliveries: 'notifier_deliveries',
  async announce(tx: Tx, tenantId: string, userId: string): Promise<void> {
    await tx.query('select pg_notify($1, $2)', [LiveChannels.inbox, `${tenantId}:${userId}`]);
  },
} as const;
