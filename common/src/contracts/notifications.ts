import { z } from 'zod';

/**
 * The notification contract between platform-api (producer, through its outbox)
 * and notifier (consumer): one `notification.requested` event per thing that
 * happened, naming its recipients. platform-api owns people, so it resolves who
 * is told, their e-mail and their language; notifier owns how they are told.
 */
export const NotificationKinds = [
  'invitation.created',
  'password.reset_requested',
  'password.changed',
  'email.verification_requested',
  'login.unlock_requested',
  'job.succeeded',
  'job.failed',
  'dojo.scheduled',
  'dojo.starting',
  'member.added',
  'member.removed',
  /** An owner scheduled the team's deletion: every member is told when everything will be erased. */
  'team.deletion_scheduled',
  'team.deletion_cancelled',
] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/**
 * Kinds about the account itself: sent by e-mail whatever the preferences say
 * (a user cannot opt out of their own password reset) and never in-app or push,
 * because the recipient may have no account or session yet.
 */
export const AccountKinds: readonly NotificationKind[] = [
  'invitation.created',
  'password.reset_requested',
  'password.changed',
  'email.verification_requested',
  'login.unlock_requested',
  // Everyone must hear that their team and its data will be erased, whatever their preferences.
  'team.deletion_scheduled',
  'team.deletion_cancelled',
];

export const Channels = ['email', 'push', 'inApp'] as const;
export type Channel = (typeof Channels)[number];

import { Locales } from './i18n/locales.ts';

/** Languages the templates are written in: the platform's languages (`i18n/locales.ts`). */
export { type Locale, Locales } from './i18n/locales.ts';

export const recipientSchema = z.object({
  /** null for someone without an account yet (an invitee). */
  userId: z.uuid().nullable(),
  email: z.email().max(254),
  name: z.string().max(120),
  locale: z.enum(Locales),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const notificationRequestedSchema = z.object({
  kind: z.enum(NotificationKinds),
  recipients: z.array(recipientSchema).min(1).max(1000),
  /** Words the templates fill in (team name, job kind, dojo title…), by name. */
  params: z.record(z.string().max(40), z.string().max(2000)).default({}),
  /** Path in the web app the notification links to (`/invitations/accept?token=…`); notifier prefixes the public URL. */
  link: z
    .string()
    .regex(/^\/[^/\\]/, 'must be a path of the web app')
    .max(2000)
    .nullable()
    .default(null),
  /**
   * A link that carries a secret (invitation, reset, verification, unlock),
   * sealed for notifier (`sealed-links.ts`); e-mailed only, never shown in-app.
   * Set instead of `link`.
   */
  sealedLink: z
    .string()
    .regex(/^sealed\.v1\.[A-Za-z0-9_-]+$/, 'must be a sealed link')
    .max(4000)
    .nullable()
    .default(null),
  /** Deliver at this time rather than now (a dojo starting in 10 minutes). */
  deliverAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /**
   * For scheduled notifications: a later event with the same key replaces the
   * pending one (a rescheduled dojo), so it fires once, at the newest time.
   */
  scheduleKey: z.string().max(200).nullable().default(null),
});
export type NotificationRequested = z.infer<typeof notificationRequestedSchema>;
export type NotificationRequestedInput = z.input<typeof notificationRequestedSchema>;
