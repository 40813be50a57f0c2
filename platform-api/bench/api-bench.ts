/**
 * `npm run bench -w platform-api`: seeds 10,000 POCs in one tenant, then loads
 * the API on loopback with autocannon — authenticated `GET /v1/pocs?limit=50`,
 * `POST /v1/pocs` — and, in the same run, a bare Koa route as the ceiling.
 * Each server runs in its own process; the load generator in this one.
 * Env: DATABASE_URL (superuser; default the machine's Postgres), BENCH_SECONDS (10), BENCH_CONNECTIONS (20).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Queues } from '@pocdojo/common/contracts/events';
import { freePort } from '@pocdojo/common/dev/ports';
import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client, createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { generateSigningKey } from '@pocdojo/common/runtime/tokens';
import autocannon from 'autocannon';
import pg from 'pg';

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SEED = 10_000;
const here = import.meta.dirname;
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function spawnServer(entry: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE && entry.endsWith('main.ts') ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      entry,
    ],
    {
      env: { ...process.env, ...env, PORT: String(port), METRICS_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status < 500) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${entry} did not start`);
}

async function seed(ownerUrl: string, tenantId: string, userId: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query(
    `insert into pocs (id, tenant_id, owner_id, name, description, languages, tags, status, created_at, updated_at)
     select gen_random_uuid(), $1, $2, 'Seeded POC ' || i, 'A seeded proof of concept number ' || i,
            array[(array['go','rust','typescript','python','java'])[1 + i % 5]],
            array['tag' || (i % 40), 'bench'], 'active',
            now() - (i || ' seconds')::interval, now()
       from generate_series(1, $3) as i`,
    [tenantId, userId, SEED],
  );
  // What autovacuum does after a bulk load; without it the planner still thinks the table is empty.
  await client.query('analyze pocs');
  await client.end();
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU the server process used per request, in ms (user + system). */
  cpuPerRequest: number;
  /** CPU every local Postgres process used per request, in ms (loopback bench: Postgres shares the cores). */
  postgresCpuPerRequest: number;
}

/** User + system CPU of a process so far, in ms (Linux /proc; clock ticks are 10 ms); 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU of every process named postgres so far, in ms. The pools keep their backends for the whole phase. */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(entry));
    } catch {}
  }
  return total;
}

async function load(name: string, server: ChildProcess, options: autocannon.Options): Promise<Figures> {
  say(`${name}: ${seconds}s × ${connections} connections…`);
  const before = cpuMs(server.pid ?? 0);
  const postgresBefore = postgresCpuMs();
  const result = await autocannon({ connections, duration: seconds, ...options });
  const cpu = cpuMs(server.pid ?? 0) - before;
  const postgresCpu = postgresCpuMs() - postgresBefore;
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
    postgresCpuPerRequest: postgresCpu / Math.max(1, result.requests.total),
  };
}

const children: ChildProcess[] = [];
const db = await createTestDatabase('platform_bench');
const emulator = await startAwsEmulator();
try {
  const sqs = createSqsClient(emulator.settings);
  for (const queue of Object.values(Queues)) await ensureQueue(sqs, queue);
  await createS3Client(emulator.settings).send(new CreateBucketCommand({ Bucket: 'pocdojo-bench' }));
  const { privateJwk } = await generateSigningKey();
  const apiPort = await freePort();
  const barePort = await freePort();
  const apiServer = await spawnServer(
    join(here, '..', 'src', 'main.ts'),
    {
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      JWT_PRIVATE_JWK: JSON.stringify(privateJwk),
      INTERNAL_TOKEN: 'bench-internal-token-0123456789',
      AWS_ENDPOINT_URL: emulator.settings.endpoint ?? '',
      S3_BUCKET: 'pocdojo-bench',
      NODE_ENV: 'production',
    },
    apiPort,
  );
  const bareServer = await spawnServer(join(here, 'bare-koa.ts'), {}, barePort);
  children.push(apiServer, bareServer);
  const api = `http://127.0.0.1:${apiPort}`;
  const signup = await fetch(`${api}/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName: 'Bench Team',
      name: 'Bench',
      email: 'bench@example.com',
      password: 'load-Generator-42',
    }),
  }).then((r) => r.json());
  // 10k POCs are past the default plan's limit: the bench team is on the largest plan, as a big customer would be.
  await fetch(`${api}/internal/v1/tenants/${signup.tenant.id}/plan`, {
    method: 'PUT',
    headers: { authorization: 'Bearer bench-internal-token-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify({ plan: 'enterprise' }),
  });
  say(`seeding ${SEED} POCs…`);
  await seed(db.ownerUrl, signup.tenant.id, signup.user.id);
  const headers = { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' };
  await load('warm-up', apiServer, { url: `${api}/v1/pocs?limit=50`, headers, duration: 2 });
  const bare = await load('bare Koa route', bareServer, { url: `http://127.0.0.1:${barePort}/` });
  const list = await load('GET /v1/pocs?limit=50', apiServer, { url: `${api}/v1/pocs?limit=50`, headers });
  const create = await load('POST /v1/pocs', apiServer, {
    url: `${api}/v1/pocs`,
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Bench create', languages: ['go'], tags: ['bench', 'load'] }),
  });
  const rows = [bare, list, create].map((f) => ({
    endpoint: f.name,
    'req/s': Math.round(f.rps),
    'p50 ms': f.p50,
    'p99 ms': f.p99,
    errors: f.errors,
    'server CPU ms/req': f.cpuPerRequest.toFixed(2),
    'Postgres CPU ms/req': Math.max(0, f.postgresCpuPerRequest).toFixed(2),
    'vs bare': `${((f.rps / bare.rps) * 100).toFixed(1)} %`,
  }));
  console.log(`\nplatform-api on loopback, ${connections} connections, ${seconds} s each, ${SEED} seeded POCs`);
  console.table(rows);
  console.log(
    `targets: list ≥ 2000 req/s with p99 ≤ 25 ms → ${list.rps >= 2000 && list.p99 <= 25 ? 'met' : 'missed'}; ` +
      `create ≥ 800 req/s → ${create.rps >= 800 ? 'met' : 'missed'}`,
  );
} finally {
  for (const child of children) {
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => {});
  }
  await emulator.stop();
  await db.drop();
}
