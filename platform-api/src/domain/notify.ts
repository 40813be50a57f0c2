import type { EntityManager } from '@mikro-orm/postgresql';
import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import {
  type NotificationRequestedInput,
  notificationRequestedSchema,
  type Recipient,
} from '@pocdojo/common/contracts/notifications';
import { User, type UserEntity } from '../db/entities/User.ts';
import { recordEvent } from './outbox.ts';

/** A member as a notification recipient. */
export const recipientOf = (user: UserEntity): Recipient => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
});

/** The team's owners and admins (inside the caller's tenant transaction). */
export async function teamAdmins(em: EntityManager): Promise<UserEntity[]> {
  return em.find(User, { role: { $in: ['owner', 'admin'] } });
}

/**
 * Asks notifier to tell people something, through the outbox: published if and
 * only if the caller's transaction commits. platform-api decides who is told
 * and in which language; notifier decides on which channels.
 */
export function notify(
  em: EntityManager,
  tenantId: TenantId,
  groupKey: string,
  request: NotificationRequestedInput,
): void {
  recordEvent(em, {
    queue: Queues.notifications,
    type: EventTypes.notificationRequested,
    tenantId,
    groupKey,
    data: notificationRequestedSchema.parse(request),
  });
}
