import type { SQSClient } from '@aws-sdk/client-sqs';
import { matchMaker } from '@colyseus/core';
import { EventTypes } from '@pocdojo/common/contracts/events';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import { reportErasure } from '@pocdojo/common/runtime/erasure-reports';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import type { DojoStore } from '../persistence/dojo-store.ts';
import type { DojoRoom } from '../room/dojo-room.ts';
import type { ParticipantSeats } from '../room/participant-seats.ts';
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
 * Disposes of the live rooms of an erased team, wherever they live, so none
 * writes its document again after the erasure. A room's id is its dojo's id,
 * whose tenant the store knows.
 */
async function closeTenantRooms(store: Pick<DojoStore, 'dojoTenant'>, tenantId: TenantId): Promise<void> {
  const rooms = await matchMaker.query({ name: 'dojo' });
  for (const room of rooms) {
    if ((await store.dojoTenant(room.roomId as DojoId)) !== tenantId) continue;
    await matchMaker.remoteRoomCall<DojoRoom>(room.roomId, 'disconnect', [4000]).catch(() => undefined);
  }
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
  store?: Pick<DojoStore, 'eraseMember' | 'eraseTenant' | 'dojoTenant'>;
  /** The tenants' seats, dropped with an erased team. */
  seats?: Pick<ParticipantSeats, 'forgetTenant'>;
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
      if (envelope.type === EventTypes.tenantErased) {
        if (!deps.store) throw new Error('tenant.erased needs the dojo store');
        const tenantId = envelope.tenantId as TenantId;
        await closeTenantRooms(deps.store, tenantId);
        const dojos = await deps.store.eraseTenant(tenantId);
        await deps.seats?.forgetTenant(tenantId);
        await reportErasure(deps.sqs, 'dojo-engine', tenantId);
        logger.info({ tenantId, dojos }, 'team erased: every dojo, document, history and seat of it');
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
