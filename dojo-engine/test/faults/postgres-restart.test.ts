import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@pocdojo/common/dev/embedded-postgres';
import { freePort } from '@pocdojo/common/dev/ports';
import { provisionDatabase } from '@pocdojo/common/dev/postgres-admin';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { generateSigningKey } from '@pocdojo/common/runtime/tokens';
import test from 'ava';
import { DojoDocument } from '../../src/document/dojo-document.ts';
import { migrate } from '../../src/persistence/migrate.ts';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { createDojoServer, type DojoServer } from '../../src/server.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { dojoFixture } from '../helpers/tickets.ts';

/**
 * Postgres restarted under dojo load: a Postgres of this test's own (the
 * machine's shared one is never stopped), an engine on it, two clients typing
 * through the restart. Nobody is closed, nothing is refused, and every
 * keystroke ends up stored.
 */
const FILE = 'fizzbuzz.ts';
let dataDir: string;
let port: number;
let postgres: EmbeddedPostgresHandle | undefined;
let server: DojoServer;
let appUrl: string;
const keyPair = await generateSigningKey();

test.before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dojo-pg-restart-'));
  // The server runs as the `postgres` user when we are root: it must reach its data directory.
  await chmod(dataDir, 0o755);
  port = await freePort();
  postgres = await startEmbeddedPostgres({ dir: join(dataDir, 'pg'), port });
  const database = await provisionDatabase(postgres.adminUrl, {
    database: 'dojo',
    appRole: 'dojo_app',
    appPassword: 'fault-test',
  });
  await migrate(database.ownerUrl);
  appUrl = database.appUrl;
  server = createDojoServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: appUrl,
    keys: { jwks: { keys: [keyPair.key.publicJwk] } },
    logger: createLogger('dojo-engine', 'silent'),
    room: { emptyGraceMs: 60_000 },
  });
  await server.listen();
});

test.after.always(async () => {
  await server?.close().catch(() => {});
  await postgres?.stop().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('Postgres restarts while two clients type: nobody is closed, every edit is stored', async (t) => {
  const dojo = dojoFixture(keyPair.key);
  const ada = await TestDojoClient.join(server.url, await dojo.ticket({ name: 'Ada' }), { relay: true });
  const bob = await TestDojoClient.join(server.url, await dojo.ticket({ name: 'Bob' }));
  await eventually(() => ada.text(FILE) !== undefined && bob.text(FILE) !== undefined, 10_000, 'starter');

  const typed: string[] = [];
  let typing = true;
  const typist = setInterval(() => {
    if (!typing) return;
    const a = `[a${typed.length}]`;
    typed.push(a);
    ada.type(FILE, 0, a);
    const b = `[b${typed.length}]`;
    typed.push(b);
    bob.type(FILE, bob.text(FILE)!.length, b);
  }, 20);

  await eventually(() => typed.length >= 40, 20_000, 'typing before the restart');
  await postgres!.stop();
  postgres = undefined;
  const typedAtStop = typed.length;
  await eventually(() => typed.length >= typedAtStop + 40, 20_000, 'typing while Postgres is down');
  // Meanwhile, a client asks for a seat in a new dojo: its room needs Postgres, so the join waits for it.
  const other = dojoFixture(keyPair.key);
  const joining = other.ticket({ name: 'Cleo' }).then((ticket) => TestDojoClient.join(server.url, ticket));
  postgres = await startEmbeddedPostgres({ dir: join(dataDir, 'pg'), port });
  const typedAtStart = typed.length;
  await eventually(() => typed.length >= typedAtStart + 40, 20_000, 'typing after the restart');
  typing = false;
  clearInterval(typist);

  const cleo = await joining;
  await eventually(() => cleo.text(FILE) !== undefined, 20_000, 'the join that waited for Postgres');
  await eventually(() => ada.text(FILE) === bob.text(FILE), 20_000, 'convergence');
  t.is(ada.closeCode, undefined, 'Ada was never closed');
  t.is(bob.closeCode, undefined, 'Bob was never closed');
  t.deepEqual([...ada.errors, ...bob.errors], [], 'nothing was refused');

  // Everything accepted is committed once the room has no backlog; Postgres then holds every token.
  await eventually(
    () => [...server.metrics.rooms].every((room) => room.persistBacklog() === 0),
    60_000,
    'the backlog written after the restart',
  );
  const reader = new PostgresDojoStore(appUrl, { maxConnections: 1 });
  try {
    const stored = await reader.loadDocument(dojo.tenantId as TenantId, dojo.dojoId as DojoId);
    const text = DojoDocument.load(stored!.snapshot, stored!.changes).files()[FILE]!;
    const lost = typed.filter((token) => text.split(token).length !== 2);
    t.deepEqual(lost, [], `${lost.length} of ${typed.length} edits missing or duplicated in Postgres`);
    t.is(text, ada.text(FILE) ?? '');
  } finally {
    await reader.close();
  }
  await Promise.all([ada.leave(), bob.leave(), cleo.leave()]);
});
