// k6 scenario: N dojo rooms × M clients against a deployment (k6 ≥ 1.0: k6/websockets, k6/timers).
//
//   PLATFORM_API_URL=https://api.example.com npm run -w load-tests prepare-k6 -- --rooms 200 --clients 5 --keys 5 --seconds 60
//   k6 run load-tests/k6/dojo.js
//
// The same workload as the Node harness (`npm run -w load-tests local`) and the benchmark
// (`npm run bench -w dojo-engine`): per room, client 0 drives (K keystrokes/s, each one Automerge
// change sent as `changes`), the others move their cursor C times a second (`presence`) and measure
// keystroke-to-peer latency. k6 cannot run Automerge: the keystrokes were made by prepare-k6 for
// these exact (fresh) dojos, and are replayed here. Wire format: docs/protocol.md (Colyseus 0.18).
//
// Latency: every driver sends keystroke j at startAt + phase(room) + j / K (a schedule all VUs know
// from setup()), so a peer receiving it computes now − scheduled time. A driver running late adds its
// lateness to the figure: the measure errs on the pessimistic side.

import { check, fail } from 'k6';
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { countChanges, Frame, frame, headerString, msgpack, readHeaderString } from './lib/colyseus-frames.js';

const config = JSON.parse(open('./data/dojos.json'));
const dojos = new SharedArray('dojos', () => JSON.parse(open('./data/dojos.json')).dojos);

const ROOMS = dojos.length;
const CLIENTS = config.clients;
const KEYS_PER_SECOND = config.keysPerSecond;
const CURSORS_PER_SECOND = config.cursorsPerSecond;
const SECONDS = config.seconds;
/** Time every client gets to join before the drivers start typing (ms). */
const JOIN_WINDOW_MS = Number(__ENV.JOIN_WINDOW_MS || 20000 + ROOMS * CLIENTS * 10);
/** Time after the last keystroke for deliveries still in flight (ms). */
const DRAIN_MS = 5000;

const latency = new Trend('dojo_keystroke_to_peer', true);
const delivered = new Counter('dojo_keystrokes_delivered');
const missing = new Counter('dojo_keystrokes_missing');
const serverErrors = new Counter('dojo_server_errors');
const joinFailures = new Counter('dojo_join_failures');

export const options = {
  scenarios: {
    dojo: {
      executor: 'per-vu-iterations',
      vus: ROOMS * CLIENTS,
      iterations: 1,
      maxDuration: `${Math.ceil((JOIN_WINDOW_MS + SECONDS * 1000 + DRAIN_MS) / 1000) + 120}s`,
    },
  },
  setupTimeout: '120s',
  thresholds: {
    dojo_keystroke_to_peer: ['p(99)<100'],
    dojo_keystrokes_missing: ['count==0'],
    dojo_server_errors: ['count==0'],
    dojo_join_failures: ['count==0'],
  },
};

// ------------------------------------------------------------------ scenario

export function setup() {
  const login = http.post(
    `${config.platformUrl}/v1/auth/login`,
    JSON.stringify({ tenant: config.tenant, email: config.email, password: config.password }),
    { headers: { 'content-type': 'application/json' } },
  );
  if (!check(login, { 'login 200': (r) => r.status === 200 })) fail(`login failed: ${login.status} ${login.body}`);
  return { accessToken: login.json('accessToken'), startAt: Date.now() + JOIN_WINDOW_MS };
}

export default function (data) {
  const index = __VU - 1;
  const room = Math.floor(index / CLIENTS);
  const client = index % CLIENTS;
  const dojo = dojos[room];
  const period = 1000 / KEYS_PER_SECOND;
  // Rooms start their keystrokes spread over one period, as real dojos would not type in lockstep.
  const phase = ((room * 7919) % 1000) * (period / 1000);
  const keystrokes = Math.min(dojo.changes.length, Math.floor(SECONDS * KEYS_PER_SECOND));
  const scheduled = (j) => data.startAt + phase + j * period;

  const ticketResponse = http.post(`${config.platformUrl}/v1/dojos/${dojo.id}/tickets`, '{}', {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.accessToken}` },
  });
  if (!check(ticketResponse, { 'ticket 200': (r) => r.status === 200 })) {
    joinFailures.add(1);
    return;
  }
  const { ticket, engineUrl } = ticketResponse.json();
  const seat = http.post(`${engineUrl}/matchmake/joinOrCreate/dojo`, JSON.stringify({ ticket, relay: true }), {
    headers: { 'content-type': 'application/json' },
  });
  if (!check(seat, { 'matchmake 200': (r) => r.status === 200 })) {
    joinFailures.add(1);
    return;
  }
  const { sessionId, roomId, processId, publicAddress } = seat.json();
  // k6 has no URL class: scheme and host by hand.
  const [, protocol, engineHost] = /^(https?):\/\/([^/]+)/.exec(engineUrl) ?? [];
  const scheme = protocol === 'https' ? 'wss' : 'ws';
  const host = publicAddress || engineHost;
  const ws = new WebSocket(`${scheme}://${host}/${processId}/${roomId}?sessionId=${encodeURIComponent(sessionId)}`);
  ws.binaryType = 'arraybuffer';

  let received = 0;
  const intervals = [];
  const timeouts = [];
  ws.onmessage = (event) => {
    const bytes = new Uint8Array(event.data);
    const code = bytes[0];
    if (code === Frame.joinRoom) {
      ws.send(frame([Frame.joinRoom]));
    } else if (code === Frame.error) {
      serverErrors.add(1);
    } else if (code === Frame.roomDataBytes && client !== 0) {
      const [type, offset] = readHeaderString(bytes, 1);
      if (type !== 'changes') return;
      const now = Date.now();
      const count = countChanges(bytes, offset);
      for (let j = received; j < received + count && j < keystrokes; j++) latency.add(now - scheduled(j));
      received += count;
      delivered.add(count);
    } else if (code === Frame.roomData) {
      const [type] = readHeaderString(bytes, 1);
      if (type === 'error') serverErrors.add(1);
    }
  };
  ws.onerror = () => serverErrors.add(1);

  ws.onopen = () => {
    if (client === 0) {
      const changesHeader = [Frame.roomDataBytes, ...headerString('changes')];
      let next = 0;
      timeouts.push(
        setTimeout(
          () => {
            const send = () => {
              if (next >= keystrokes) return;
              const change = new Uint8Array(encoding.b64decode(dojo.changes[next++]));
              ws.send(frame([...changesHeader, ...change]));
            };
            send();
            intervals.push(setInterval(send, period));
          },
          Math.max(0, scheduled(0) - Date.now()),
        ),
      );
    } else if (CURSORS_PER_SECOND > 0) {
      const presenceHeader = [Frame.roomData, ...headerString('presence')];
      timeouts.push(
        setTimeout(
          () =>
            intervals.push(
              setInterval(() => {
                const offset = Math.floor(Math.random() * (received + 1));
                const payload = { file: dojo.file, anchor: offset, head: offset, typing: false };
                ws.send(frame([...presenceHeader, ...msgpack(payload)]));
              }, 1000 / CURSORS_PER_SECOND),
            ),
          Math.max(0, data.startAt - Date.now()) + Math.random() * (1000 / CURSORS_PER_SECOND),
        ),
      );
    }
    timeouts.push(
      setTimeout(
        () => {
          for (const timer of intervals) clearInterval(timer);
          for (const timer of timeouts) clearTimeout(timer);
          if (client !== 0 && received < keystrokes) missing.add(keystrokes - received);
          ws.send(frame([12])); // LEAVE_ROOM
          ws.close();
        },
        Math.max(0, scheduled(keystrokes) - Date.now()) + DRAIN_MS,
      ),
    );
  };
}
