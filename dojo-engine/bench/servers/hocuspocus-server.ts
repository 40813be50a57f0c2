/**
 * The peer baseline: a Hocuspocus 4 server with Yjs documents in memory,
 * default configuration (forked by bench/run.ts). Env: PORT.
 */
import { Server } from '@hocuspocus/server';
import { answerStatsRequests } from '../lib/server-stats.ts';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('hocuspocus-server: PORT is required');
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: false });
await server.listen();
answerStatsRequests();
process.send?.({ type: 'ready', port });

process.on('SIGTERM', async () => {
  await server.destroy();
  process.exit(0);
});
