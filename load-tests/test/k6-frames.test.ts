import { BENCH_FILE, DojoLoadClient, type LocalDojoEngines, startLocalDojoEngines } from '@pocdojo/dojo-engine/load';
import test from 'ava';
import { countChanges, Frame, frame, headerString, msgpack, readHeaderString } from '../k6/lib/colyseus-frames.js';
import { keystrokeChain } from '../src/keystroke-chain.ts';
import { readClaims } from '../src/platform-client.ts';

/**
 * The k6 scenario's wire code (k6/lib/colyseus-frames.js) and prepared
 * keystrokes (src/keystroke-chain.ts), run from Node against a real engine
 * exactly as k6/dojo.js uses them.
 */
let engines: LocalDojoEngines;
test.before(async () => {
  engines = await startLocalDojoEngines({
    processes: 1,
    rooms: 1,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    log: () => {},
  });
});
test.after.always(() => engines?.close());

/** A raw WebSocket client doing what one k6 VU does: matchmake, handshake, then frames. */
async function rawClient(ticket: string) {
  const response = await fetch(`${engines.urls[0]}/matchmake/joinOrCreate/dojo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ticket, relay: true }),
  });
  const seat = (await response.json()) as {
    sessionId: string;
    roomId: string;
    processId: string;
    publicAddress: string;
  };
  const ws = new WebSocket(`ws://${seat.publicAddress}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`);
  ws.binaryType = 'arraybuffer';
  const received = { changes: 0, types: [] as string[], errors: 0 };
  const joined = new Promise<void>((resolve) => {
    ws.onmessage = (event) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (bytes[0] === Frame.joinRoom) {
        ws.send(frame([Frame.joinRoom]));
        resolve();
      } else if (bytes[0] === Frame.error) {
        received.errors++;
      } else if (bytes[0] === Frame.roomDataBytes || bytes[0] === Frame.roomData) {
        const [type, offset] = readHeaderString(bytes, 1);
        received.types.push(type);
        if (type === 'error') received.errors++;
        if (type === 'changes') received.changes += countChanges(bytes, offset);
      }
    };
  });
  await joined;
  return { ws, received };
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('the k6 frames join a real engine, relay prepared keystrokes to a peer and carry presence', async (t) => {
  const driverTicket = await engines.ticket(0, 0);
  const { did, dojo } = readClaims<{ did: string; dojo: { files: Record<string, string> } }>(driverTicket);
  const chain = keystrokeChain(did, dojo.files, 20);
  t.is(chain.file, BENCH_FILE);

  const driver = await rawClient(driverTicket);
  const peer = await rawClient(await engines.ticket(0, 1));
  for (const change of chain.changes) {
    driver.ws.send(frame([Frame.roomDataBytes, ...headerString('changes'), ...Buffer.from(change, 'base64')]));
  }
  peer.ws.send(
    frame([
      Frame.roomData,
      ...headerString('presence'),
      ...msgpack({ file: chain.file, anchor: 3, head: 3, typing: false }),
    ]),
  );
  await until(() => peer.received.changes === 20, 'the 20 keystrokes at the peer');
  await until(() => driver.received.types.includes('presence'), "the peer's cursor at the driver");
  t.is(driver.received.errors + peer.received.errors, 0, 'no error from the server');

  // An SDK client that syncs the document sees exactly the prepared keystrokes.
  const reader = await DojoLoadClient.join(engines.urls[0]!, await engines.ticket(0, 2), BENCH_FILE);
  t.is(reader.doc.files[BENCH_FILE], 'abcdefghijklmnopqrst');
  await reader.close();
  driver.ws.close();
  peer.ws.close();
});
