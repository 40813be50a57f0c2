import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MatchMakerDriver, matchMaker, type Presence, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { DOJO_ROOM_NAME, Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { createLogger, type Logger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import { type MetricsServer, startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import { createAccessVerifier, type KeySource } from '@pocdojo/common/runtime/tokens';
import type { Registry } from 'prom-client';
import { createHttpApp } from './http/app.ts';
import { CorsPolicy } from './http/cors.ts';
import { EngineMetrics } from './metrics.ts';
import { ChangeBatcher, type ChangeBatcherOptions } from './persistence/change-batcher.ts';
import type { DojoStore } from './persistence/dojo-store.ts';
import { migrate } from './persistence/migrate.ts';
import { PostgresDojoStore } from './persistence/postgres-dojo-store.ts';
import { createAdmission } from './room/admission.ts';
import { createDojoRoomClass } from './room/dojo-room.ts';
import { MemoryParticipantSeats, type ParticipantSeats } from './room/participant-seats.ts';
import { type RoomLeaseOptions, RoomLeases } from './room/room-leases.ts';
import { defaultRoomOptions, type RoomOptions } from './room/room-options.ts';
import type { RunDispatcher } from './runs/run-dispatcher.ts';
import { EngineLocalPresence } from './scale/engine-local-presence.ts';
import { type Clock, systemClock } from './time/clock.ts';
import { DojoUsage } from './usage/dojo-usage.ts';
import type { IceServerIssuer } from './voice/ice-servers.ts';

export interface DojoServerOptions {
  /** TCP port; 0 picks a free one (read it back from `port` after listen). */
  port: number;
  /** Interface to bind; defaults to loopback. */
  host?: string;
  /** Port of the Prometheus /metrics server (on `host`); none when unset. */
  metricsPort?: number;
  /** host:port clients reach this process at; required with Redis so seat reservations point at the right process. */
  publicAddress?: string;
  /** App-role URL of the `dojo` database. Ignored when `store` is given. */
  databaseUrl?: string;
  /** Owner URL: when set, migrations run before listening. */
  databaseOwnerUrl?: string;
  /** A ready store instead of Postgres (tests of the room logic). */
  store?: DojoStore;
  /** Public keys of platform-api for dojo tickets (and, unless accessKeys is given, access tokens). */
  keys: KeySource;
  accessKeys?: KeySource;
  presence?: Presence;
  driver?: MatchMakerDriver;
  clock?: Clock;
  logger?: Logger;
  registry?: Registry;
  room?: Partial<RoomOptions>;
  persistence?: Partial<ChangeBatcherOptions>;
  /** Where test runs go (kata-runner's request queue); unset: Run is refused with runner_unavailable. */
  runs?: RunDispatcher;
  /** Timings of the per-dojo room leases (one room per dojo across processes). */
  leases?: Partial<RoomLeaseOptions>;
  /** The tenants' dojo seats (plan limit); in memory unless scale-out shares them. */
  seats?: ParticipantSeats;
  /** Origins whose browsers may call the engine (the web app); others get no CORS headers. */
  corsOrigins?: readonly string[];
  /**
   * Shared secret of the internal routes (the media worker reads a member's dojos; with `databaseUrl`,
   * operators read dojo hours per tenant); unset: no internal routes.
   */
  internalToken?: string;
  /** STUN/TURN servers for voice members. */
  iceServers?: IceServerIssuer;
}

export interface DojoServer {
  listen(): Promise<void>;
  /** The bound port (after listen). */
  readonly port: number;
  /** http://host:port of this process (after listen). */
  readonly url: string;
  /** http://host:port/metrics when `metricsPort` was given (after listen). */
  readonly metricsUrl: string | undefined;
  readonly metrics: EngineMetrics;
  readonly store: DojoStore;
  /** The tenants' dojo seats (an erased team's are dropped). */
  readonly seats: ParticipantSeats;
  /** Disposes every room (final saves), closes sockets and the store. */
  close(): Promise<void>;
}

/** Paths Colyseus answers itself; everything else goes to the engine's Koa app. */
const isColyseusPath = (url = '') => url.startsWith('/matchmake/') || url.startsWith('/__healthcheck');

/**
 * Builds one dojo-engine process: Colyseus (matchmaking + WebSocket rooms) and
 * the engine's HTTP routes on one port. Colyseus keeps its matchmaker in module
 * state, so one process runs one DojoServer at a time.
 */
export function createDojoServer(options: DojoServerOptions): DojoServer {
  const logger = options.logger ?? createLogger('dojo-engine');
  const registry = options.registry ?? createMetricsRegistry('dojo-engine');
  const metrics = new EngineMetrics(registry);
  if (!options.store && !options.databaseUrl) throw new Error('createDojoServer: databaseUrl or store is required');
  const store = options.store ?? new PostgresDojoStore(options.databaseUrl!);
  const seats = options.seats ?? new MemoryParticipantSeats();
  const admit = createAdmission({ keys: options.keys, store, metrics, logger, seats });
  const batcher = new ChangeBatcher(store, logger, options.persistence);
  const leases = new RoomLeases({ store, logger, options: options.leases });
  const RoomClass = createDojoRoomClass({
    store,
    batcher,
    admit,
    clock: options.clock ?? systemClock,
    logger,
    metrics,
    options: { ...defaultRoomOptions, ...options.room },
    runs: options.runs,
    leases,
    seats,
    iceServers: options.iceServers,
  });

  const http = createServer();
  const transport = new WebSocketTransport({
    server: http,
    // Colyseus's 4 KiB default would cut off the first sync of any real document.
    maxPayload: Limits.syncBytes + 64 * 1024,
  });
  const colyseusLogger = logger.child({ component: 'colyseus' });
  const gameServer = new Server({
    transport,
    // Without Redis: one process, LocalPresence with its counters tidied (EngineLocalPresence).
    presence: options.presence ?? new EngineLocalPresence(),
    driver: options.driver,
    publicAddress: options.publicAddress,
    gracefullyShutdown: false,
    greet: false,
    logger: {
      debug: () => {},
      info: (...args: unknown[]) => colyseusLogger.debug(args.map(String).join(' ')),
      warn: (...args: unknown[]) => colyseusLogger.warn(args.map(String).join(' ')),
      error: (...args: unknown[]) => colyseusLogger.error(args.map(String).join(' ')),
    },
  });
  gameServer.define(DOJO_ROOM_NAME, RoomClass).filterBy(['dojoId']);

  const cors = new CorsPolicy(options.corsOrigins ?? []);
  cors.applyToMatchmaking();
  const usage = options.internalToken && options.databaseUrl ? new DojoUsage(options.databaseUrl) : undefined;
  const app = createHttpApp({
    cors,
    internalToken: options.internalToken,
    logger,
    store,
    usage: usage && options.internalToken ? { usage, internalToken: options.internalToken } : undefined,
    verifyAccess: createAccessVerifier(options.accessKeys ?? options.keys),
    checks: {
      postgres: () => store.ping(),
      matchmaker: async () => {
        if (matchMaker.state !== matchMaker.MatchMakerState.READY) throw new Error('matchmaker not ready');
      },
    },
  });

  const host = options.host ?? '127.0.0.1';
  let port = 0;
  let metricsServer: MetricsServer | undefined;
  let closed: Promise<void> | undefined;
  return {
    get port() {
      return port;
    },
    get url() {
      return `http://${host !== '0.0.0.0' ? host : '127.0.0.1'}:${port}`;
    },
    get metricsUrl() {
      return metricsServer?.url;
    },
    metrics,
    store,
    seats,
    async listen() {
      if (options.databaseOwnerUrl) {
        const applied = await migrate(options.databaseOwnerUrl);
        if (applied.length) logger.info({ applied }, 'migrations applied');
      }
      await gameServer.listen(options.port, host);
      // Colyseus prepends a request listener that answers every path; keep it for its own routes only.
      const colyseus = http.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
      http.removeAllListeners('request');
      const koa = app.callback();
      http.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (isColyseusPath(req.url)) for (const listener of colyseus) listener.call(http, req, res);
        else void koa(req, res);
      });
      port = (http.address() as AddressInfo).port;
      if (options.metricsPort !== undefined) {
        metricsServer = await startMetricsServer(registry, { port: options.metricsPort, host });
      }
      logger.info({ port, publicAddress: options.publicAddress }, 'dojo-engine listening');
    },
    close() {
      closed ??= (async () => {
        await metricsServer?.close();
        await gameServer.gracefullyShutdown(false);
        // Rooms flushed their own changes on disposal; this catches any a failing store left behind.
        await batcher.flush().catch((error) => logger.error({ err: error }, 'unsaved changes at shutdown'));
        await leases.close();
        await new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
        await store.close();
        await usage?.close();
      })();
      return closed;
    },
  };
}
