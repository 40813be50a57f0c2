import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServer {
  server: Server;
  /** The bound port (the real one when asked for 0). */
  port: number;
  /** http://host:port, loopback when bound to every interface. */
  url: string;
  /**
   * Stops accepting connections, lets requests in flight finish within
   * `graceMs` (idle keep-alive connections close at once), then cuts the rest
   * (long-lived streams: pass 0).
   */
  close(graceMs?: number): Promise<void>;
}

/** Listens on `port` and `host` (loopback unless told); rejects when the port is taken. */
export async function listenHttp(
  handler: RequestListener,
  options: { port: number; host?: string; keepAliveTimeoutMs?: number },
): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(handler);
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shown}:${port}`,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
      }),
  };
}
