import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import { freePort } from '@pocdojo/common/ports';
import { Audience, type DojoSettings, generateSigningKey, signToken, TokenType } from '@pocdojo/common/tokens';
import { Redis } from 'ioredis';
import { migrate } from '../../src/persistence/migrate.ts';
import { openBenchDatabase } from './bench-database.ts';
import { BENCH_FILE, type DojoTargetOptions } from './dojo-target.ts';
import type { PostgresCpu } from './postgres-cpu.ts';
import { RedisTraffic } from './redis-traffic.ts';
import { type ServerChild, startServerChild } from './server-child.ts';

/** Engines started on this machine, and tickets for them signed like platform-api would. */
export interface LocalDojoEngines extends DojoTargetOptions {
  servers: ServerChild[];
  /** CPU of the engines' Postgres backends. */
  postgres: PostgresCpu;
  /** Commands through Redis (with more than one process). */
  redis?: RedisTraffic;
  /** Stops the engines, drops the database, removes the Redis keys. */
  close(): Promise<void>;
}

export interface LocalDojoEnginesOptions {
  /** 1, or 2 sharing rooms through Redis. */
  processes: number;
  rooms: number;
  /**
   * Tenants the rooms are spread over (room i belongs to tenant i mod T), each
   * with its own members: client k of any room of a tenant is that tenant's
   * member k. Default 1.
   */
  tenants?: number;
  /** How long an empty room waits before its disposal (ms); the engine's default without it. */
  emptyGraceMs?: number;
  /** Node flags of the engine processes (e.g. `--expose-gc` for sampling memory after a collection). */
  execArgv?: string[];
  /** Extra environment of the engine processes. */
  env?: Record<string, string>;
  /** Superuser URL; an embedded Postgres under .data/bench-postgres without it. */
  databaseUrl?: string;
  redisUrl: string;
  log(line: string): void;
}

const settings: DojoSettings = {
  title: 'Load dojo',
  language: 'typescript',
  durationMinutes: 60,
  rotationMinutes: 10,
  editPolicy: 'everyone',
  kataId: null,
  version: 1,
  files: { [BENCH_FILE]: '' },
};

/**
 * Starts `processes` dojo-engine child processes over a fresh migrated database
 * (with Redis scale-out when more than one), with a local signing key.
 */
export async function startLocalDojoEngines(options: LocalDojoEnginesOptions): Promise<LocalDojoEngines> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => options.log(`cleanup failed: ${error}`));
  };
  try {
    const database = await openBenchDatabase({ prefix: 'bench_dojo', adminUrl: options.databaseUrl, log: options.log });
    cleanups.push(() => database.close());
    await migrate(database.ownerUrl);

    const { key } = await generateSigningKey();
    const env: Record<string, string> = {
      DATABASE_URL: database.appUrl,
      TICKET_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
      ...(options.emptyGraceMs !== undefined && { EMPTY_GRACE_MS: String(options.emptyGraceMs) }),
      ...options.env,
    };
    if (options.processes > 1) {
      const keyPrefix = `bench:${randomBytes(4).toString('hex')}:`;
      Object.assign(env, { ENGINE_REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: keyPrefix });
      cleanups.push(async () => {
        const redis = new Redis(options.redisUrl);
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      });
    }
    const entry = join(import.meta.dirname, '..', 'servers', 'dojo-server.ts');
    const servers: ServerChild[] = [];
    cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
    for (let i = 0; i < options.processes; i++) {
      servers.push(
        await startServerChild(entry, { ...env, PORT: String(await freePort()) }, `dojo-engine ${i + 1}`, {
          execArgv: options.execArgv,
        }),
      );
    }

    const tenantIds = Array.from({ length: options.tenants ?? 1 }, () => randomUUID() as TenantId);
    const members = tenantIds.map(() => new Map<number, UserId>());
    const member = (tenant: number, client: number) => {
      let userId = members[tenant]!.get(client);
      if (!userId) {
        userId = randomUUID() as UserId;
        members[tenant]!.set(client, userId);
      }
      return userId;
    };
    const dojoIds = Array.from({ length: options.rooms }, () => randomUUID() as DojoId);
    return {
      servers,
      postgres: database.cpu,
      redis: options.processes > 1 ? new RedisTraffic(options.redisUrl) : undefined,
      urls: servers.map((server) => server.url),
      ticket: (room, client) =>
        signToken(
          key,
          { type: TokenType.dojoTicket, audience: Audience.dojo, ttlSeconds: 120 },
          {
            sub: member(room % tenantIds.length, client),
            tid: tenantIds[room % tenantIds.length]!,
            did: dojoIds[room]!,
            name: `client ${client}`,
            drole: client === 0 ? 'facilitator' : 'participant',
            dojo: settings,
          },
        ),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
