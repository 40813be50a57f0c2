import type { SQSClient } from '@aws-sdk/client-sqs';
import { matchMaker } from '@colyseus/core';
import { EventTypes } from '@pocdojo/common/contracts/events';
import type { TenantId, UserId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import type { DojoStore } from '../persistence/dojo-store.ts';
import type { DojoRoom } from '../room/dojo-room.ts';
import type { RoomSettings } from '../room/room-settings.ts';

/** What became of one settings event. */
export type SettingsDelivery = 'applied' | 'unchanged' | 'no_room';

/**
 * Hands a dojo's new settings to its live room, whichever engine process owns
 * it: the driver's listing says whether the room exists, and Colyseus's
 * remoteRoomCall runs `applySettings` on the owning process (directly when it
 * is this one, over Redis presence otherwise). No room: nothing to do — the
 * next room is created from a ticket, and tickets carry the current settings.
 */
export async function deliverSettings(
  tenantId: string,
  dojoId: string,
  settings: RoomSettings,
): Promise<SettingsDelivery> {
  const listing = await matchMaker.getRoomById(dojoId);
  if (!listing) return 'no_room';
  const applied = await matchMaker.remoteRoomCall<DojoRoom>(dojoId, 'applySettings', [settings, tenantId]);
  return applied ? 'applied' : 'unchanged';
}

/**
 * Consumes `dojo-events` (platform-api's outbox → SQS): every engine process
 * polls the queue, and whichever receives an event routes it to the room's
 * owner. A message that cannot be parsed or delivered (the owner died between
 * lookup and call) is not deleted: SQS redelivers it after the backoff, then
 * parks it in the DLQ.
 */
export function startDojoEventsConsumer(deps: {
  sqs: SQSClient;
  queueUrl: string;
  logger: Logger;
  /** Where member erasures apply; without it (tests of settings only) they are refused and retried. */
  store?: Pick<DojoStore, 'eraseMember'>;
}): {
  stop(): Promise<void>;
} {
  const logger = deps.logger.child({ component: 'dojo-events' });
  const consumer = new QueueConsumer({
    queueUrl: deps.queueUrl,
    sqs: deps.sqs,
    logger,
    what: 'dojo event',
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handle: envelopeHandler('dojo event', async (envelope) => {
      if (envelope.type === EventTypes.memberErased) {
        if (!deps.store) throw new Error('member.erased needs the dojo store');
        const erased = await deps.store.eraseMember(envelope.tenantId as TenantId, envelope.data.userId as UserId);
        logger.info({ tenantId: envelope.tenantId, erased }, 'member erased from dojo history');
        return;
      }
      if (envelope.type !== EventTypes.dojoSettingsChanged) {
        logger.warn({ type: envelope.type }, 'ignoring an event the engine does not handle');
        return;
      }
      const { dojoId, settings } = envelope.data;
      const result = await deliverSettings(envelope.tenantId, dojoId, settings);
      logger.info({ dojoId, version: settings.version, result }, 'dojo settings event');
    }),
  });
  consumer.start();
  return consumer;
}
