import {
  AccountKinds,
  type Channel,
  type NotificationKind,
  NotificationKinds,
} from '@pocdojo/common/contracts/notifications';
import type { Tx } from '../db/database.ts';

/** Per-kind channel switches of one user. */
export interface ChannelSwitches {
  email: boolean;
  push: boolean;
  inApp: boolean;
}

/** Kinds a user may tune: everything but the account e-mails, which always go out. */
export const TunableKinds = NotificationKinds.filter((kind) => !AccountKinds.includes(kind));

/** What a user gets when they never changed anything: every channel. */
export const DefaultSwitches: ChannelSwitches = { email: true, push: true, inApp: true };

/**
 * The channels one recipient gets a notification of `kind` on: account kinds
 * by e-mail only (mandatory, and the recipient may have no session); someone
 * without an account by e-mail only; everyone else by their switches.
 */
export function channelsFor(kind: NotificationKind, hasAccount: boolean, switches: ChannelSwitches): Channel[] {
  if (AccountKinds.includes(kind) || !hasAccount) return ['email'];
  return (['email', 'push', 'inApp'] as const).filter((channel) => switches[channel]);
}

/** Every tunable kind's switches of one user (defaults filled in). */
export async function loadPreferences(tx: Tx, userId: string): Promise<Record<string, ChannelSwitches>> {
  const { rows } = await tx.query<{ kind: string; email: boolean; push: boolean; in_app: boolean }>(
    'select kind, email, push, in_app from notification_preferences where user_id = $1',
    [userId],
  );
  const out: Record<string, ChannelSwitches> = {};
  for (const kind of TunableKinds) out[kind] = { ...DefaultSwitches };
  for (const row of rows) out[row.kind] = { email: row.email, push: row.push, inApp: row.in_app };
  return out;
}

/** The switches of several users for one kind (defaults for users who set none). */
export async function switchesOf(
  tx: Tx,
  kind: NotificationKind,
  userIds: string[],
): Promise<Map<string, ChannelSwitches>> {
  const out = new Map<string, ChannelSwitches>();
  if (userIds.length === 0) return out;
  const { rows } = await tx.query<{ user_id: string; email: boolean; push: boolean; in_app: boolean }>(
    'select user_id, email, push, in_app from notification_preferences where kind = $1 and user_id = any($2::uuid[])',
    [kind, userIds],
  );
  for (const row of rows) out.set(row.user_id, { email: row.email, push: row.push, inApp: row.in_app });
  return out;
}

export async function savePreference(
  tx: Tx,
  tenantId: string,
  userId: string,
  kind: NotificationKind,
  switches: ChannelSwitches,
): Promise<void> {
  await tx.query(
    `insert into notification_preferences (tenant_id, user_id, kind, email, push, in_app) values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, user_id, kind) do update set email = excluded.email, push = excluded.push,
       in_app = excluded.in_app, updated_at = now()`,
    [tenantId, userId, kind, switches.email, switches.push, switches.inApp],
  );
}
