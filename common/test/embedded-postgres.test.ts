import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { firstClosedFolder, startEmbeddedPostgres } from '../src/dev/embedded-postgres.ts';
import { freePort } from '../src/dev/ports.ts';

const postgresUser = { uid: 101_000, gid: 101_000 };

async function closedFolder(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'pocdojo-closed-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  await chmod(parent, 0o755);
  const closed = join(parent, 'home');
  await mkdir(join(closed, 'clone'), { recursive: true });
  // As a root user's home: only its owner may enter.
  await chmod(closed, 0o700);
  return closed;
}

test('firstClosedFolder names the first folder another user cannot enter', async (t) => {
  const closed = await closedFolder(t);
  t.is(await firstClosedFolder(join(closed, 'clone', 'node_modules'), postgresUser), closed);
  t.is(await firstClosedFolder(join(closed, 'clone'), undefined), closed);
  t.is(await firstClosedFolder(tmpdir(), postgresUser), undefined);
});

test('as root, a data folder the postgres user cannot reach is one clear error, not a crash', async (t) => {
  if (process.getuid?.() !== 0) {
    t.pass('only root runs embedded Postgres as another user');
    return;
  }
  const closed = await closedFolder(t);
  const error = await t.throwsAsync(
    startEmbeddedPostgres({ dir: join(closed, 'clone', '.data', 'postgres'), port: await freePort() }),
  );
  t.is(error?.name, 'SetupError');
  t.regex(error?.message ?? '', new RegExp(`cannot enter ${closed} \\(mode 700\\).*DATABASE_URL`));
  t.false(error?.message.includes('\n'));
});
