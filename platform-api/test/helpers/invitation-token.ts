import { linkSealingKeySchema, openLink } from '@pocdojo/common/runtime/sealed-links';
import pg from 'pg';
import { TEST_LINK_SEALING_KEY } from './platform.ts';

/** SQL: an outbox notification's sealed link with its tenant (`tenant:sealed`), as notifier receives it. */
export const OUTBOX_LINK = `(payload ->> 'tenantId') || ':' || (payload -> 'data' ->> 'sealedLink')`;

/** Opens `tenant:sealed` with the test platforms' key, as notifier does before e-mailing it. */
export function openTestLink(value: string): string {
  const [tenantId, sealed] = value.split(/:(.*)/s) as [string, string];
  return openLink(linkSealingKeySchema.parse(TEST_LINK_SEALING_KEY), tenantId, sealed);
}

/**
 * The token of an invitation's e-mail link, read from the outbox event that carries the e-mail (for tests that
 * drive the API without the SMTP inbox; `people-e2e.test.ts` reads the real e-mail instead).
 */
export async function invitationToken(platformOwnerUrl: string, invitationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: platformOwnerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ link: string }>(
      `select ${OUTBOX_LINK} as link from outbox
        where group_key = $1 order by seq desc limit 1`,
      [`invitation:${invitationId}`],
    );
    if (!rows[0]?.link) return '';
    return new URL(openTestLink(rows[0].link), 'http://x').searchParams.get('token') ?? '';
  } finally {
    await client.end();
  }
}
