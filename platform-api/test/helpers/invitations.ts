import pg from 'pg';
import { type ApiClient, type Reply, STRONG_PASSWORD } from './client.ts';
import { OUTBOX_LINK, openTestLink } from './invitation-token.ts';
import type { TestPlatform } from './platform.ts';

/**
 * The link of the newest notification of `kind` to `email`, read from the outbox (the notifier's input);
 * `groupKey` (`invitation:<id>`) picks one event when tests running side by side mail the same address.
 */
export async function linkFromOutbox(
  platform: TestPlatform,
  kind: string,
  email: string,
  groupKey?: string,
): Promise<string> {
  const client = new pg.Client({ connectionString: platform.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ link: string }>(
      `select ${OUTBOX_LINK} as link from outbox
        where type = 'notification.requested' and payload -> 'data' ->> 'kind' = $1
          and payload -> 'data' -> 'recipients' @> jsonb_build_array(jsonb_build_object('email', $2::text))
          and ($3::text is null or group_key = $3)
        order by seq desc limit 1`,
      [kind, email, groupKey ?? null],
    );
    if (!rows[0]) throw new Error(`no ${kind} notification to ${email} in the outbox`);
    return openTestLink(rows[0].link);
  } finally {
    await client.end();
  }
}

export const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? '';

/**
 * Brings someone into the team the way a person does: an admin invites the
 * address, the invitee follows the e-mailed link (taken from the outbox) and
 * accepts with a name and password. Returns the acceptance (a session).
 */
export async function joinTeam(
  platform: TestPlatform,
  admin: ApiClient,
  person: { email: string; name: string; role?: string; password?: string },
): Promise<Reply & { client: ApiClient; password: string }> {
  const invited = await admin.post('/v1/invitations', { email: person.email, role: person.role ?? 'member' });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = tokenOf(
    await linkFromOutbox(platform, 'invitation.created', person.email.toLowerCase(), `invitation:${invited.body.id}`),
  );
  const password = person.password ?? STRONG_PASSWORD;
  const accepted = await admin.as('').post('/v1/invitations/accept', { token, name: person.name, password });
  return { ...accepted, client: admin.as(accepted.body?.accessToken ?? ''), password };
}
