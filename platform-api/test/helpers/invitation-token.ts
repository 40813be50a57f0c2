import pg from 'pg';

/**
 * The token of an invitation's e-mail link, read from the outbox event that carries the e-mail (for tests that
 * drive the API without the SMTP inbox; `people-e2e.test.ts` reads the real e-mail instead).
 */
export async function invitationToken(platformOwnerUrl: string, invitationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: platformOwnerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ link: string }>(
      `select payload -> 'data' ->> 'link' as link from outbox
        where group_key = $1 order by seq desc limit 1`,
      [`invitation:${invitationId}`],
    );
    return new URL(rows[0]?.link ?? '', 'http://x').searchParams.get('token') ?? '';
  } finally {
    await client.end();
  }
}
