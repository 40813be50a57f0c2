/**
 * The peer baseline: a Hocuspocus 4 server, default configuration, persisting
 * its Yjs documents to Postgres through @hocuspocus/extension-database (forked
 * by bench/run.ts). Env: PORT, DATABASE_URL (a database holding
 * `hocuspocus_documents`, see HOCUSPOCUS_SCHEMA).
 *
 * Persist lag is measured as the engine's is: for every update, the time from
 * Hocuspocus receiving it to the commit of the first store that covers it
 * (Hocuspocus debounces stores: 2 s, at most 10 s, by default).
 */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import { Histogram, Registry } from 'prom-client';
import { PERSIST_LAG_BUCKETS, persistLagStats } from '../lib/persist-lag-stats.ts';
import { answerStatsRequests } from '../lib/server-stats.ts';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('hocuspocus-server: PORT is required');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('hocuspocus-server: DATABASE_URL is required');

// The same pool size as the engine's PostgresDojoStore.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const registry = new Registry();
const persistLag = new Histogram({
  name: 'hocuspocus_persist_lag_seconds',
  help: 'Time from an update reaching the server to the commit of a store covering it',
  buckets: PERSIST_LAG_BUCKETS,
  registers: [registry],
});
/** Arrival times of the updates of each document not covered by a store yet. */
const unsaved = new Map<string, number[]>();

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onChange({ documentName }) {
    const times = unsaved.get(documentName);
    if (times) times.push(performance.now());
    else unsaved.set(documentName, [performance.now()]);
  },
  extensions: [
    new Database({
      async fetch({ documentName }) {
        const { rows } = await pool.query<{ data: Buffer }>('select data from hocuspocus_documents where name = $1', [
          documentName,
        ]);
        return rows[0]?.data ?? null;
      },
      async store({ documentName, state }) {
        // The state was encoded just before this call: it covers every update received so far.
        const covered = unsaved.get(documentName) ?? [];
        unsaved.delete(documentName);
        await pool.query(
          `insert into hocuspocus_documents (name, data) values ($1, $2)
           on conflict (name) do update set data = excluded.data`,
          [documentName, state],
        );
        const now = performance.now();
        for (const at of covered) persistLag.observe((now - at) / 1000);
      },
    }),
  ],
});
await server.listen();
answerStatsRequests(() => persistLagStats(registry, 'hocuspocus_persist_lag_seconds'));
process.send?.({ type: 'ready', port });

process.on('SIGTERM', async () => {
  await server.destroy();
  await pool.end();
  process.exit(0);
});
