import type pg from 'pg';

/**
 * Gives back pooled connections that Postgres dropped while they were checked
 * out and that nobody will release. Kysely (under MikroORM) releases a
 * transaction's connection only after a successful COMMIT or ROLLBACK; when
 * Postgres restarts mid-transaction both fail and the connection stays checked
 * out for good — a few restarts and the pool is empty, every request waiting.
 * A checked-out client whose connection was lost and that is still checked out
 * `graceMs` later is released here with the error, which makes the pool destroy it.
 * (Every query of a lost connection rejects at the moment it is lost, so a
 * holder that releases does so long before `graceMs`.)
 */
export function reclaimLostConnections(pool: pg.Pool, graceMs = 1_000): void {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('remove', (client) => checkedOut.delete(client as pg.PoolClient));
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      setTimeout(() => {
        const held = client as pg.PoolClient;
        if (!checkedOut.delete(held)) return;
        held.release(error);
      }, graceMs).unref();
    });
  });
}
