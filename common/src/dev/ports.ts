import { createServer } from 'node:net';

/** True when nothing listens on `port` at `host`. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Ports a test or local service may be given. Below Linux's ephemeral range
 * (32768–60999 by default): a port from that range can be taken by the local
 * end of any outgoing connection between our check and the service's listen
 * (seen as EADDRINUSE on a busy machine); these are only ever taken by a listen.
 */
export const FREE_PORT_RANGE = { min: 20_000, max: 32_767 } as const;

/** A port free right now, outside the ephemeral range; the OS's choice if none of a few random picks is free. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = FREE_PORT_RANGE.min + Math.floor(Math.random() * (FREE_PORT_RANGE.max - FREE_PORT_RANGE.min + 1));
    if (await isPortFree(port, host)) return port;
  }
  return osPort(host);
}

function osPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
