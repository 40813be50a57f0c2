/**
 * `npm run -w load-tests local -- [flags]`: the dojo load scenario (the same
 * clients and workload as `npm run bench -w dojo-engine`, and as k6/dojo.js)
 * run from Node.
 *
 * - Without PLATFORM_API_URL: starts 1 or 2 (`--processes 2`, Redis) engine
 *   processes here, signs tickets itself, and reports server CPU, RSS and persist lag too.
 * - With PLATFORM_API_URL: signs a throwaway tenant up on that platform-api,
 *   creates the dojos, gets every ticket from it and joins the engine it names
 *   (a deployment: only client-side figures).
 *
 * Flags: see `npm run bench -w dojo-engine -- --help` (--only is ignored).
 */
import { DojoTarget, type DojoTargetOptions } from '../../dojo-engine/bench/lib/dojo-target.ts';
import { startLocalDojoEngines } from '../../dojo-engine/bench/lib/local-dojo-engines.ts';
import { measure } from '../../dojo-engine/bench/lib/measure.ts';
import { benchCommand, parseBenchOptions } from '../../dojo-engine/bench/lib/options.ts';
import { printReport } from '../../dojo-engine/bench/lib/report.ts';
import { PlatformClient } from './platform-client.ts';

const LOCAL_SCRIPT = 'npm run -w load-tests local --';
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

/** Dojos created on platform-api; tickets from it, engine URL from the ticket answer. */
async function platformTickets(platformUrl: string, rooms: number): Promise<DojoTargetOptions> {
  const platform = new PlatformClient(platformUrl);
  const account = await platform.signup();
  log(`signed up tenant ${account.tenant} (${account.email}); creating ${rooms} dojos`);
  const dojoIds: string[] = [];
  for (let i = 0; i < rooms; i++) dojoIds.push(await platform.createDojo(`Load dojo ${i + 1}`));
  const probe = await platform.ticket(dojoIds[0]!);
  return {
    urls: [probe.engineUrl],
    ticket: async (room) => (await platform.ticket(dojoIds[room]!)).ticket,
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const platformUrl = process.env.PLATFORM_API_URL;
  log(
    `dojo load: ${options.rooms} rooms × ${options.clients} clients, driver ${options.keysPerSecond} keys/s, ` +
      `cursors ${options.cursorsPerSecond}/s, ${options.seconds} s` +
      (platformUrl ? ` against ${platformUrl}` : `, ${options.processes} local engine process(es)`),
  );
  if (platformUrl) {
    const target = new DojoTarget(await platformTickets(platformUrl, options.rooms));
    printReport(benchCommand(options, LOCAL_SCRIPT), [await measure('dojo (remote)', target, [], options, log)]);
    return;
  }
  const engines = await startLocalDojoEngines({ ...options, log });
  try {
    const target = new DojoTarget(engines);
    printReport(benchCommand(options, LOCAL_SCRIPT), [
      await measure('dojo (local)', target, engines.servers, options, log, engines.postgres),
    ]);
  } finally {
    await engines.close();
  }
}

await main();
process.exit(0);
