import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/ids';
import type { DojoEntity } from '../db/entities/Dojo.ts';
import { User } from '../db/entities/User.ts';
import { notify, recipientOf } from './notify.ts';

/** How long before a dojo starts its members are reminded. */
export const DOJO_REMINDER_MS = 10 * 60_000;

/**
 * A scheduled dojo: every member hears of it now, and again 10 minutes before
 * it starts. The reminder is keyed by the dojo, so rescheduling replaces it in
 * notifier rather than adding a second one.
 */
export async function notifyDojoScheduled(em: EntityManager, dojo: DojoEntity): Promise<void> {
  if (!dojo.scheduledAt) return;
  const tenantId = dojo.tenantId as TenantId;
  const members = (await em.find(User, {}, { limit: 1000 })).map(recipientOf);
  if (members.length === 0) return;
  const params = { dojoTitle: dojo.title, startsAt: dojo.scheduledAt.toISOString() };
  const link = `/dojos/${dojo.id}`;
  notify(em, tenantId, `dojo:${dojo.id}`, { kind: 'dojo.scheduled', recipients: members, params, link });
  const remindAt = dojo.scheduledAt.getTime() - DOJO_REMINDER_MS;
  if (remindAt > Date.now()) {
    notify(em, tenantId, `dojo:${dojo.id}`, {
      kind: 'dojo.starting',
      recipients: members,
      params,
      link,
      deliverAt: new Date(remindAt).toISOString(),
      scheduleKey: `dojo:${dojo.id}:starting`,
    });
  }
}

/** A report, video or personal data export finished (or failed): its requester hears of it. */
export async function notifyJobFinished(
  em: EntityManager,
  job: { id: string; kind: string; requested_by: string },
  outcome: { succeeded: true } | { succeeded: false; error: string },
): Promise<void> {
  const requester = await em.findOne(User, { id: job.requested_by });
  if (!requester) return;
  notify(em, requester.tenantId as TenantId, `job:${job.id}`, {
    kind: outcome.succeeded ? 'job.succeeded' : 'job.failed',
    recipients: [recipientOf(requester)],
    params: { jobKind: job.kind, ...(outcome.succeeded ? {} : { error: outcome.error.slice(0, 300) }) },
    // A personal data export is shown on the account page, never among the team's media.
    link: job.kind === 'personal_data' ? '/account' : `/media?job=${job.id}`,
  });
}
