import type { SQSClient } from '@aws-sdk/client-sqs';
import { matchMaker } from '@colyseus/core';
import { EventTypes, parseEnvelope } from '@pocdojo/common/events';
import type { Logger } from '@pocdojo/common/logger';
import { tracedHandler } from '@pocdojo/common/message-tracing';
import { runQueueConsumer } from '@pocdojo/common/queue-consumer';
import { Consumer } from 'sqs-consumer';
import type { DojoRoom, RoomSettings } from '../room/dojo-room.ts';

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
 * lookup and call) is not deleted: SQS redelivers it, then parks it in the DLQ.
 */
export function startDojoEventsConsumer(deps: { sqs: SQSClient; queueUrl: string; logger: Logger }): {
  stop(): Promise<void>;
} {
  const logger = deps.logger.child({ component: 'dojo-events' });
  const consumer = Consumer.create({
    queueUrl: deps.queueUrl,
    sqs: deps.sqs,
    batchSize: 10,
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handleMessage: tracedHandler(deps.queueUrl, async (message) => {
      const envelope = parseEnvelope(message.Body ?? '');
      if (envelope.type !== EventTypes.dojoSettingsChanged) {
        logger.warn({ type: envelope.type }, 'ignoring an event the engine does not handle');
        return message;
      }
      const { dojoId, settings } = envelope.data;
      const result = await deliverSettings(envelope.tenantId, dojoId, settings);
      logger.info({ dojoId, version: settings.version, result }, 'dojo settings event');
      return message;
    }),
  });
  return runQueueConsumer(consumer, logger, 'dojo settings event');
}
