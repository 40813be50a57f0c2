import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build this runs on). */
const TICKS_PER_SECOND = 100;

/** CPU (user + system, ms) of one process from /proc, or undefined when it is gone or not ours to read. */
async function processCpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * The CPU that Postgres spends for one database: the sum over the backends
 * connected to it (pg_stat_activity), read from /proc. Postgres's shared
 * processes (WAL writer, checkpointer) serve every database on the server
 * and are left out, for every target alike. Only works when Postgres runs on
 * this machine: otherwise the figure is NaN ("not measured").
 */
export class PostgresCpu {
  readonly #adminUrl: string;
  readonly #database: string;

  constructor(adminUrl: string, database: string) {
    this.#adminUrl = adminUrl;
    this.#database = database;
  }

  /** CPU ms per backend pid now. */
  async sample(): Promise<Map<number, number>> {
    const client = new pg.Client({ connectionString: this.#adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
        this.#database,
      ]);
      const sample = new Map<number, number>();
      for (const { pid } of rows) {
        const cpu = await processCpuMs(pid);
        if (cpu !== undefined) sample.set(pid, cpu);
      }
      return sample;
    } finally {
      await client.end();
    }
  }

  /**
   * CPU spent between two samples: backends that started in between count
   * whole (they started inside the window); backends that ended in between are
   * lost (pools keep theirs open, so few if any). NaN when nothing was readable.
   */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    if (after.size === 0) return Number.NaN;
    let total = 0;
    for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
    return total;
  }
}
