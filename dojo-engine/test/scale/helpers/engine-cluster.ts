import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/ports';
import { generateSigningKey, type SigningKey } from '@pocdojo/common/tokens';
import { Redis } from 'ioredis';
import { startServerChild } from '../../../bench/lib/server-child.ts';
import { createMigratedDatabase } from '../../helpers/database.ts';

/** The engine process the benchmarks and load tests start too. */
const entry = join(import.meta.dirname, '..', '..', '..', 'bench', 'servers', 'dojo-server.ts');

/** One engine child process. */
export interface EngineProcess {
  processId: string;
  port: number;
  url: string;
  child: ChildProcess;
}

/** Several engine processes sharing one Postgres database and one Redis key prefix. */
export interface EngineCluster {
  key: SigningKey;
  processes: EngineProcess[];
  redis: Redis;
  keyPrefix: string;
  kill(engine: EngineProcess): Promise<void>;
  close(): Promise<void>;
}

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run tests through `npm test`, which provides a Redis');
  return url;
}

async function startProcess(env: Record<string, string>): Promise<EngineProcess> {
  const server = await startServerChild(entry, env, 'engine process', {
    execArgv: [],
    stdout: 'ignore',
    readyTimeoutMs: 20_000,
  });
  return { processId: server.processId!, port: server.port, url: server.url, child: server.child };
}

/** Starts `count` engine processes (real child processes), each with its own port and public address. */
export async function startCluster(count: number, options: { redisUrl?: string } = {}): Promise<EngineCluster> {
  const url = options.redisUrl ?? redisUrl();
  const { key } = await generateSigningKey();
  const database = await createMigratedDatabase();
  const keyPrefix = `test:scale:${randomBytes(5).toString('hex')}:`;
  const redis = new Redis(url, { keyPrefix });
  // Fault tests restart Redis under this client too; its reconnection errors are expected.
  redis.on('error', () => {});
  const processes: EngineProcess[] = [];
  const common = {
    DATABASE_URL: database.appUrl,
    ENGINE_REDIS_URL: url,
    REDIS_KEY_PREFIX: keyPrefix,
    EMPTY_GRACE_MS: '300',
    RECONNECT_SECONDS: '2',
    TICKET_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
    NODE_ENV: 'test',
  };
  try {
    // One after the other: the second must see the first's listings at start.
    for (let i = 0; i < count; i++) processes.push(await startProcess({ ...common, PORT: String(await freePort()) }));
  } catch (error) {
    for (const engine of processes) engine.child.kill('SIGKILL');
    await database.drop();
    redis.disconnect();
    throw error;
  }
  const exited = (engine: EngineProcess) =>
    engine.child.exitCode !== null || engine.child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => engine.child.once('exit', () => resolve()));
  return {
    key,
    processes,
    redis,
    keyPrefix,
    async kill(engine) {
      engine.child.kill('SIGKILL');
      await exited(engine);
    },
    async close() {
      for (const engine of processes) engine.child.kill('SIGTERM');
      await Promise.all(
        processes.map((engine) =>
          Promise.race([exited(engine), new Promise((resolve) => setTimeout(resolve, 5000))]).then(() => {
            engine.child.kill('SIGKILL');
          }),
        ),
      );
      // Only this cluster's keys: other tests share the Redis.
      const raw = new Redis(url);
      const keys = await raw.keys(`${keyPrefix}*`);
      if (keys.length) await raw.del(...keys);
      raw.disconnect();
      redis.disconnect();
      await database.drop();
    },
  };
}
