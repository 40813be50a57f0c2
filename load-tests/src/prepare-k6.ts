/**
 * `npm run -w load-tests prepare-k6 -- [--tenants T] [--rooms N] [--clients M] [--keys K] [--seconds S]
 * [--cursors C] [--ramp R] [--platform-rate P]` with PLATFORM_API_URL set: prepares a k6 run of
 * k6/load.js against a deployment, over T tenants.
 *
 * - Tenants: T throwaway teams, each signed up by its own owner. With PLATFORM_DATABASE_URL (a
 *   connection to the platform database that may read `outbox`, as on a staging deployment) each
 *   team also gets M − 1 invited members, who accept their invitation with the link the e-mail would
 *   carry; without it, every client of a team logs in as its owner. k6's setup() turns each member's
 *   refresh token into an access token (logins are rate-limited per IP; refresh tokens are single-use:
 *   prepare again before every run).
 * - Dojos: N dojos spread round-robin over the tenants. k6 cannot run Automerge, so each driver's
 *   keystrokes are made here: for every dojo, the document the engine will create for it (the engine's
 *   own DojoDocument.create, deterministic for a dojo id and starter files) plus one character per
 *   change, K × (S + 30) changes in a chain. The dojos must be fresh (never opened) when k6 runs.
 *
 * Writes k6/data/{config,tenants,dojos}.json (tenants.json holds refresh tokens: git-ignored).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DojoTicketClaims } from '@pocdojo/common/runtime/tokens';
import pg from 'pg';
import { keystrokeChain } from './keystroke-chain.ts';
import { PlatformClient, readClaims } from './platform-client.ts';

const usage = `usage: PLATFORM_API_URL=… [PLATFORM_DATABASE_URL=…] npm run -w load-tests prepare-k6 -- [--tenants T]
       [--rooms N] [--clients M] [--keys K] [--seconds S] [--cursors C] [--ramp R] [--platform-rate P]`;

function integer(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer between ${min} and ${max}, got "${raw}"\n${usage}`);
  }
  return value;
}

/** The token of the newest invitation e-mail to `email`, from the platform's outbox (as its tests read it). */
async function invitationToken(databaseUrl: string, invitationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ link: string }>(
      `select payload -> 'data' ->> 'link' as link from outbox where group_key = $1 order by seq desc limit 1`,
      [`invitation:${invitationId}`],
    );
    const token = new URL(rows[0]?.link ?? '', 'http://x').searchParams.get('token');
    if (!token) throw new Error(`no invitation e-mail for ${invitationId} in the outbox`);
    return token;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const platformUrl = process.env.PLATFORM_API_URL;
  if (!platformUrl) throw new Error(`PLATFORM_API_URL is required: the deployment k6 will load\n${usage}`);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: Object.fromEntries(
      ['tenants', 'rooms', 'clients', 'keys', 'seconds', 'cursors', 'ramp', 'platform-rate'].map((name) => [
        name,
        { type: 'string' as const },
      ]),
    ),
    strict: true,
  });
  const tenantCount = integer(values.tenants as string | undefined, 5, 'tenants', 1, 1000);
  const rooms = integer(values.rooms as string | undefined, 50, 'rooms', 1, 10_000);
  const clients = integer(values.clients as string | undefined, 6, 'clients', 2, 50);
  const keysPerSecond = integer(values.keys as string | undefined, 5, 'keys', 1, 100);
  const seconds = integer(values.seconds as string | undefined, 60, 'seconds', 5, 3600);
  const cursorsPerSecond = integer(values.cursors as string | undefined, 2, 'cursors', 0, 100);
  const rampSeconds = integer(values.ramp as string | undefined, 60, 'ramp', 1, 3600);
  const platformRate = integer(values['platform-rate'] as string | undefined, 5, 'platform-rate', 1, 10_000);
  const databaseUrl = process.env.PLATFORM_DATABASE_URL;
  if (!databaseUrl) console.log('PLATFORM_DATABASE_URL not set: every client of a tenant logs in as its owner');

  const tenants: Array<{ slug: string; members: Array<{ email: string; refreshToken: string }> }> = [];
  const owners: PlatformClient[] = [];
  for (let t = 0; t < tenantCount; t++) {
    const owner = new PlatformClient(platformUrl);
    const account = await owner.signup();
    const members = [{ email: account.email, refreshToken: account.refreshToken }];
    if (databaseUrl) {
      for (let m = 1; m < clients; m++) {
        const email = `member${m}-${account.email}`;
        const token = await invitationToken(databaseUrl, await owner.invite(email));
        const session = await owner.acceptInvitation(token, `Load member ${m}`, account.password);
        members.push({ email, refreshToken: session.refreshToken });
      }
    }
    tenants.push({ slug: account.tenant, members });
    owners.push(owner);
    console.log(`tenant ${t + 1}/${tenantCount}: ${account.tenant} with ${members.length} member(s)`);
  }

  const count = keysPerSecond * (seconds + 30);
  const dojos = [];
  for (let i = 0; i < rooms; i++) {
    const tenant = i % tenantCount;
    const owner = owners[tenant]!;
    const id = await owner.createDojo(`k6 dojo ${i + 1}`);
    const claims = readClaims<DojoTicketClaims>((await owner.ticket(id)).ticket);
    dojos.push({ id, tenant, ...keystrokeChain(id, claims.dojo.files, count) });
    if ((i + 1) % 10 === 0 || i + 1 === rooms) console.log(`  ${i + 1}/${rooms} dojos prepared`);
  }

  const dir = join(import.meta.dirname, '..', 'k6', 'data');
  await mkdir(dir, { recursive: true });
  const config = {
    platformUrl: owners[0]!.baseUrl,
    clients,
    keysPerSecond,
    cursorsPerSecond,
    seconds,
    rampSeconds,
    platformRate,
  };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, 'tenants.json'), JSON.stringify(tenants));
  await writeFile(join(dir, 'dojos.json'), JSON.stringify(dojos));
  console.log(`wrote ${dir}/{config,tenants,dojos}.json: run  k6 run load-tests/k6/load.js`);
}

await main();
