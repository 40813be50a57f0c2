import type { MessageKey } from '../i18n/useMessages.ts';

/** What each notification kind is about, in the words the settings and delivery pages use. */
const kindLabels: Record<string, MessageKey> = {
  'invitation.created': 'notifications.kind.invitation_created',
  'password.reset_requested': 'notifications.kind.password_reset_requested',
  'password.changed': 'notifications.kind.password_changed',
  'email.verification_requested': 'notifications.kind.email_verification_requested',
  'login.unlock_requested': 'notifications.kind.login_unlock_requested',
  'job.succeeded': 'notifications.kind.job_succeeded',
  'job.failed': 'notifications.kind.job_failed',
  'dojo.scheduled': 'notifications.kind.dojo_scheduled',
  'dojo.starting': 'notifications.kind.dojo_starting',
  'member.added': 'notifications.kind.member_added',
  'member.removed': 'notifications.kind.member_removed',
  'team.deletion_scheduled': 'notifications.kind.team_deletion_scheduled',
  'team.deletion_cancelled': 'notifications.kind.team_deletion_cancelled',
};

/** A kind's label through `t`; a kind this app does not know yet shows as sent. */
export const kindLabel = (t: (key: MessageKey) => string, kind: string) => {
  const key = kindLabels[kind];
  return key ? t(key) : kind;
};
