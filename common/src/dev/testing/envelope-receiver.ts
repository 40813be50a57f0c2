import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One item of a received envelope: its header and its payload (parsed when JSON). */
export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: unknown;
}

export interface ReceivedEnvelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The whole body as sent (decompressed), to search for what must not be in it. */
  raw: string;
}

/**
 * A Sentry-compatible ingestion endpoint on loopback, for tests: accepts
 * `POST /api/{project}/envelope/` like Sentry or GlitchTip, decodes each
 * envelope (newline-separated header, item headers and payloads, gzip or not)
 * and keeps it. `dsn` is what a service is given as `SENTRY_DSN`.
 */
export async function startEnvelopeReceiver(): Promise<{
  dsn: string;
  envelopes: ReceivedEnvelope[];
  /** Resolves with the first envelope holding an item of `type` (an `event`, say) that `accept` takes. */
  next(type: string, accept?: (item: EnvelopeItem) => boolean): Promise<EnvelopeItem & { envelope: ReceivedEnvelope }>;
  close(): Promise<void>;
}> {
  const envelopes: ReceivedEnvelope[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer(async (req, res) => {
    // Browsers post across origins: allow it, as Sentry's ingestion does.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' }).end();
      return;
    }
    if (req.method !== 'POST' || !/^\/api\/\d+\/envelope\/?(\?|$)/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    try {
      envelopes.push(parseEnvelope(await body(req)));
      for (const wake of waiters.splice(0)) wake();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      res.writeHead(400).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const find = (type: string, accept: (item: EnvelopeItem) => boolean) => {
    for (const envelope of envelopes) {
      const item = envelope.items.find((i) => i.header.type === type && accept(i));
      if (item) return { ...item, envelope };
    }
    return undefined;
  };
  return {
    dsn: `http://0123456789abcdef0123456789abcdef@127.0.0.1:${port}/1`,
    envelopes,
    async next(type, accept = () => true) {
      for (;;) {
        const found = find(type, accept);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The envelope format: a JSON header line, then per item a JSON header line and its payload. */
function parseEnvelope(raw: string): ReceivedEnvelope {
  const lines = raw.split('\n');
  const header = JSON.parse(lines[0] ?? '{}');
  const items: EnvelopeItem[] = [];
  for (let i = 1; i < lines.length && lines[i]; i += 2) {
    const itemHeader = JSON.parse(lines[i]!);
    const text = lines[i + 1] ?? '';
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {
      // An attachment or another non-JSON payload: kept as text.
    }
    items.push({ header: itemHeader, payload });
  }
  return { header, items, raw };
}
