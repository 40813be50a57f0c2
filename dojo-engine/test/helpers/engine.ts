import { generateSigningKey, type SigningKey } from '@pocdojo/common/tokens';
import type { RoomOptions } from '../../src/room/room-options.ts';
import type { RunDispatcher } from '../../src/runs/run-dispatcher.ts';
import { createDojoServer, type DojoServer } from '../../src/server.ts';
import type { Clock } from '../../src/time/clock.ts';
import type { IceServerIssuer } from '../../src/voice/ice-servers.ts';
import { createMigratedDatabase } from './database.ts';

export interface TestEngine {
  server: DojoServer;
  key: SigningKey;
  url: string;
  databaseUrl: string;
  /** The database owner's URL (tests that write rows the engine would). */
  ownerUrl: string;
  /** Stops the server (final saves) and drops the database. */
  close(): Promise<void>;
}

/** A real engine on a free port over a fresh Postgres database, with a local signing key. */
export async function startEngine(
  options: {
    clock?: Clock;
    room?: Partial<RoomOptions>;
    corsOrigins?: string[];
    runs?: RunDispatcher;
    internalToken?: string;
    iceServers?: IceServerIssuer;
  } = {},
): Promise<TestEngine> {
  const { key } = await generateSigningKey();
  const database = await createMigratedDatabase();
  const server = createDojoServer({
    port: 0,
    host: '127.0.0.1',
    metricsPort: 0,
    databaseUrl: database.appUrl,
    keys: { jwks: { keys: [key.publicJwk] } },
    clock: options.clock,
    corsOrigins: options.corsOrigins,
    runs: options.runs,
    internalToken: options.internalToken,
    iceServers: options.iceServers,
    room: { emptyGraceMs: 300, reconnectSeconds: 2, ...options.room },
  });
  await server.listen();
  return {
    server,
    key,
    url: server.url,
    databaseUrl: database.appUrl,
    ownerUrl: database.ownerUrl,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
