import { createServer } from 'node:net';
import test from 'ava';
import { FREE_PORT_RANGE, freePort, isPortFree } from '../src/dev/ports.ts';

test('free ports come from below the ephemeral range, where no outgoing connection can take them', async (t) => {
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  for (const port of ports) t.true(port >= FREE_PORT_RANGE.min && port <= FREE_PORT_RANGE.max, String(port));
});

test('a port something listens on is not free; freePort never hands it out', async (t) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(FREE_PORT_RANGE.min + 1234, '127.0.0.1', resolve));
  try {
    t.false(await isPortFree(FREE_PORT_RANGE.min + 1234));
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    t.false(ports.includes(FREE_PORT_RANGE.min + 1234));
  } finally {
    server.close();
  }
});
