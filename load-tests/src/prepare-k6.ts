/**
 * `npm run -w load-tests prepare-k6 -- [--rooms N] [--clients M] [--keys K] [--seconds S]`
 * with PLATFORM_API_URL set: prepares a k6 run against a deployment.
 *
 * k6 cannot run Automerge, so each driver's keystrokes are made here: for every
 * dojo it creates on platform-api, it rebuilds the document the engine will
 * create for that dojo (the engine's own DojoDocument.create: deterministic for
 * a dojo id and starter files) and appends one character per change, K × (S + 30)
 * changes in a chain, framed for the `changes` message. k6/dojo.js replays them.
 * The dojos must be fresh (never opened): prepare again before every k6 run.
 *
 * Writes k6/data/dojos.json (holds the throwaway tenant's password: keep it out of git).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DojoTicketClaims } from '@pocdojo/common/tokens';
import { parseBenchOptions } from '../../dojo-engine/bench/lib/options.ts';
import { keystrokeChain } from './keystroke-chain.ts';
import { PlatformClient, readClaims } from './platform-client.ts';

async function main(): Promise<void> {
  const platformUrl = process.env.PLATFORM_API_URL;
  if (!platformUrl) throw new Error('PLATFORM_API_URL is required: the deployment k6 will load');
  const options = parseBenchOptions(process.argv.slice(2));
  const platform = new PlatformClient(platformUrl);
  const account = await platform.signup();
  console.log(`tenant ${account.tenant}: creating ${options.rooms} dojos`);
  const count = options.keysPerSecond * (options.seconds + 30);
  const dojos = [];
  for (let i = 0; i < options.rooms; i++) {
    const id = await platform.createDojo(`k6 dojo ${i + 1}`);
    const { ticket } = await platform.ticket(id);
    const claims = readClaims<DojoTicketClaims>(ticket);
    dojos.push({ id, ...keystrokeChain(id, claims.dojo.files, count) });
    if ((i + 1) % 10 === 0 || i + 1 === options.rooms) console.log(`  ${i + 1}/${options.rooms} dojos prepared`);
  }
  const out = join(import.meta.dirname, '..', 'k6', 'data', 'dojos.json');
  await mkdir(join(out, '..'), { recursive: true });
  await writeFile(
    out,
    JSON.stringify({
      platformUrl: platform.baseUrl,
      tenant: account.tenant,
      email: account.email,
      password: account.password,
      clients: options.clients,
      keysPerSecond: options.keysPerSecond,
      cursorsPerSecond: options.cursorsPerSecond,
      seconds: options.seconds,
      dojos,
    }),
  );
  console.log(`wrote ${out}: run  k6 run load-tests/k6/dojo.js`);
}

await main();
