import { matchMaker } from '@colyseus/core';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { Redis } from 'ioredis';

/**
 * When Redis comes back after losing its connection — restarted, failed over,
 * possibly empty — puts this process's share of the matchmaking state back:
 * its `roomcount` entry (so new rooms may be placed here) and the listings of
 * the rooms it holds (so joins find them instead of creating a second room for
 * the same dojo elsewhere). The same restore Colyseus runs when a sweeper
 * wrongly declared a stalled process dead; both steps are idempotent.
 * The liveness key and IPC subscriptions come back by themselves (heartbeat,
 * ioredis's resubscription).
 */
export function restoreAfterReconnection(redis: Redis, logger: Logger): void {
  let lost = false;
  redis.on('close', () => {
    lost = true;
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    void restore(logger);
  });
}

async function restore(logger: Logger): Promise<void> {
  if (matchMaker.state !== matchMaker.MatchMakerState.READY) return;
  try {
    await matchMaker.stats.persist(true);
    await matchMaker.restoreMissingRoomCaches();
    logger.info('redis is back: room listings and room count restored');
  } catch (error) {
    logger.warn({ err: error }, 'restoring room listings after a redis reconnection failed');
  }
}
