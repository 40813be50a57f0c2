// k6 load test of a PocDojo deployment (k6 ≥ 1.0: k6/websockets, k6/timers, k6/execution):
// two scenarios side by side over many tenants, both prepared by `npm run -w load-tests prepare-k6`.
//
//   PLATFORM_API_URL=https://api.example.com npm run -w load-tests prepare-k6 -- --tenants 20 --rooms 200 --clients 6
//   k6 run load-tests/k6/load.js                       # both scenarios
//   k6 run -e SCENARIOS=dojo load-tests/k6/load.js     # one of them
//
// dojo — N rooms × M clients spread over the tenants, each client logged in as a member of its
// room's tenant with its own ticket; joins ramp up over RAMP seconds (ramping-vus), then in each room
// client 0 types K keystrokes/s (changes prepared by prepare-k6 for these fresh dojos: k6 cannot run
// Automerge) and the others move their cursor C times a second and measure keystroke-to-peer latency
// against the shared schedule (startAt + phase(room) + j / K: a late driver makes it worse, never better).
// platform — POC writes and typo-tolerant searches at a ramping arrival rate, by members of every
// tenant, plus a slow trickle of sign-ups and logins (login is rate-limited per IP).
//
// Wire format: docs/protocol.md (Colyseus 0.18 frames, MessagePack). The frame and MessagePack code is
// lib/*.js, exercised from Node against a real engine by load-tests/test; the Node harness
// (`npm run load -w load-tests`) runs the same scenarios and prints the same summary (lib/summary.js).

import { check, sleep } from 'k6';
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { bytesFrame, countChanges, dataFrame, Frame, frame, readFrame } from './lib/colyseus-frames.js';
import { misspell, pocName } from './lib/platform-words.js';
import { summaryOutputs } from './lib/summary.js';
import { dojoThresholds, platformThresholds } from './lib/thresholds.js';

const DATA = __ENV.LOAD_DATA_DIR || './data';
// config.json is a few hundred bytes: every VU may parse it. The large files go through SharedArray,
// parsed once and shared read-only by every VU.
const config = JSON.parse(open(`${DATA}/config.json`));
const dojos = new SharedArray('dojos', () => JSON.parse(open(`${DATA}/dojos.json`)));
const tenants = new SharedArray('tenants', () => JSON.parse(open(`${DATA}/tenants.json`)));

const SCENARIOS = (__ENV.SCENARIOS || 'dojo,platform').split(',');
const CLIENTS = config.clients;
const CLIENT_VUS = dojos.length * CLIENTS;
const KEYS_PER_SECOND = config.keysPerSecond;
const CURSORS_PER_SECOND = config.cursorsPerSecond;
const SECONDS = Number(__ENV.SECONDS || config.seconds);
const RAMP_SECONDS = Number(__ENV.RAMP || config.rampSeconds);
/** Platform iterations per second at the top of its ramp. */
const PLATFORM_RATE = Number(__ENV.PLATFORM_RATE || config.platformRate);
/** Time after the last keystroke for deliveries still in flight (ms). */
const DRAIN_MS = 5000;
/** Typing starts this long after the ramp ends, so that the last joins have settled (ms). */
const SETTLE_MS = 5000;
const TOTAL_SECONDS = RAMP_SECONDS + SETTLE_MS / 1000 + SECONDS + DRAIN_MS / 1000;

const latency = new Trend('dojo_keystroke_to_peer', true);
const delivered = new Counter('dojo_keystrokes_delivered');
const missing = new Counter('dojo_keystrokes_missing');
const serverErrors = new Counter('dojo_server_errors');
const joins = new Rate('dojo_join_success');
const platformWrites = new Trend('platform_poc_write', true);
const platformSearches = new Trend('platform_search', true);

const scenarios = {};
if (SCENARIOS.includes('dojo')) {
  scenarios.dojo = {
    executor: 'ramping-vus',
    exec: 'dojoClient',
    startVUs: 0,
    // Joins spread over the ramp; the VUs then hold their sockets until their session ends.
    stages: [
      { duration: `${RAMP_SECONDS}s`, target: CLIENT_VUS },
      { duration: `${Math.ceil(TOTAL_SECONDS - RAMP_SECONDS)}s`, target: CLIENT_VUS },
    ],
    gracefulRampDown: '30s',
    gracefulStop: '30s',
    tags: { kind: 'dojo' },
  };
}
if (SCENARIOS.includes('platform')) {
  scenarios.platform = {
    executor: 'ramping-arrival-rate',
    exec: 'platformUser',
    startRate: 1,
    timeUnit: '1s',
    preAllocatedVUs: Math.max(10, PLATFORM_RATE * 2),
    maxVUs: Math.max(50, PLATFORM_RATE * 10),
    stages: [
      { duration: `${RAMP_SECONDS}s`, target: PLATFORM_RATE },
      { duration: `${Math.ceil(TOTAL_SECONDS - RAMP_SECONDS)}s`, target: PLATFORM_RATE },
    ],
    tags: { kind: 'platform' },
  };
  scenarios.signups = {
    // Login is limited per IP (LOGIN_RATE_PER_IP, 30 a minute by default): stay well under it.
    executor: 'constant-arrival-rate',
    exec: 'signupAndLogin',
    rate: 6,
    timeUnit: '1m',
    duration: `${Math.ceil(TOTAL_SECONDS)}s`,
    preAllocatedVUs: 2,
    tags: { kind: 'platform' },
  };
}

export const options = {
  scenarios,
  setupTimeout: '300s',
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  thresholds: { ...(scenarios.dojo && dojoThresholds), ...(scenarios.platform && platformThresholds) },
};

const json = { headers: { 'content-type': 'application/json' } };
const bearer = (token) => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

/**
 * Once per test: an access token for every prepared member (from its refresh token: logins are
 * rate-limited per IP, refreshes are not), and the time typing starts.
 */
export function setup() {
  const tokens = [];
  for (const tenant of tenants) {
    const members = [];
    for (const member of tenant.members) {
      const answer = http.post(
        `${config.platformUrl}/v1/auth/refresh`,
        JSON.stringify({ refreshToken: member.refreshToken }),
        json,
      );
      if (!check(answer, { 'setup: refresh 200': (r) => r.status === 200 })) {
        throw new Error(
          `refreshing ${member.email} failed (${answer.status}): prepare again (refresh tokens are single-use)`,
        );
      }
      members.push(answer.json('accessToken'));
    }
    tokens.push(members);
  }
  return { tokens, startAt: Date.now() + RAMP_SECONDS * 1000 + SETTLE_MS };
}

// ------------------------------------------------------------------ dojo

export function dojoClient(data) {
  const index = exec.scenario.iterationInTest;
  // One session per client; a VU that finished its session early idles until the scenario ends.
  if (index >= CLIENT_VUS) {
    sleep(Math.max(1, (data.startAt + (SECONDS * 1000 + DRAIN_MS) - Date.now()) / 1000));
    return;
  }
  const room = Math.floor(index / CLIENTS);
  const client = index % CLIENTS;
  const dojo = dojos[room];
  const members = data.tokens[dojo.tenant];
  const token = members[client % members.length];
  const period = 1000 / KEYS_PER_SECOND;
  // Rooms start their keystrokes spread over one period, as real dojos would not type in lockstep.
  const phase = ((room * 7919) % 1000) * (period / 1000);
  const keystrokes = Math.min(dojo.changes.length, Math.floor(SECONDS * KEYS_PER_SECOND));
  const scheduled = (j) => data.startAt + phase + j * period;

  const ticketAnswer = http.post(`${config.platformUrl}/v1/dojos/${dojo.id}/tickets`, '{}', {
    ...bearer(token),
    tags: { name: 'ticket' },
  });
  if (!check(ticketAnswer, { 'dojo: ticket 200': (r) => r.status === 200 })) {
    joins.add(false);
    return;
  }
  const { ticket, engineUrl } = ticketAnswer.json();
  const seat = http.post(`${engineUrl}/matchmake/joinOrCreate/dojo`, JSON.stringify({ ticket, relay: true }), {
    ...json,
    tags: { name: 'matchmake' },
  });
  if (!check(seat, { 'dojo: matchmake 200': (r) => r.status === 200 })) {
    joins.add(false);
    return;
  }
  const { sessionId, roomId, processId, publicAddress } = seat.json();
  // k6 has no URL class: scheme and host by hand.
  const [, protocol, engineHost] = /^(https?):\/\/([^/]+)/.exec(engineUrl) || [];
  const scheme = protocol === 'https' ? 'wss' : 'ws';
  const ws = new WebSocket(
    `${scheme}://${publicAddress || engineHost}/${processId}/${roomId}?sessionId=${encodeURIComponent(sessionId)}`,
  );
  ws.binaryType = 'arraybuffer';

  let joined = false;
  let welcomed = false;
  let received = 0;
  let errors = 0;
  const intervals = [];
  const timeouts = [];
  const stopTimers = () => {
    for (const timer of intervals) clearInterval(timer);
    for (const timer of timeouts) clearTimeout(timer);
  };
  // A socket that never joins is a failed join, not a hung VU.
  timeouts.push(
    setTimeout(() => {
      if (joined) return;
      joins.add(false);
      stopTimers();
      ws.close();
    }, 30000),
  );

  ws.onmessage = (event) => {
    const bytes = new Uint8Array(event.data);
    if (bytes[0] === Frame.joinRoom) {
      ws.send(frame([Frame.joinRoom]));
      joined = true;
      joins.add(true);
      startTyping();
      return;
    }
    const { type, payload, payloadOffset } = readFrame(bytes);
    if (type === 'error') {
      errors++;
      serverErrors.add(1);
    } else if (type === 'welcome') {
      welcomed = check(payload, { 'dojo: welcome names this session': (w) => !!w && w.sessionId === sessionId });
    } else if (type === 'changes' && client !== 0) {
      const now = Date.now();
      const count = countChanges(bytes, payloadOffset);
      for (let j = received; j < received + count && j < keystrokes; j++) latency.add(now - scheduled(j));
      received += count;
      delivered.add(count);
    }
  };
  ws.onerror = () => {
    errors++;
    serverErrors.add(1);
  };

  function startTyping() {
    if (client === 0) {
      let next = 0;
      const send = () => {
        if (next >= keystrokes) return;
        ws.send(bytesFrame('changes', new Uint8Array(encoding.b64decode(dojo.changes[next++]))));
      };
      timeouts.push(
        setTimeout(
          () => {
            send();
            intervals.push(setInterval(send, period));
          },
          Math.max(0, scheduled(0) - Date.now()),
        ),
      );
    } else if (CURSORS_PER_SECOND > 0) {
      timeouts.push(
        setTimeout(
          () =>
            intervals.push(
              setInterval(() => {
                const offset = Math.floor(Math.random() * (received + 1));
                ws.send(dataFrame('presence', { file: dojo.file, anchor: offset, head: offset, typing: false }));
              }, 1000 / CURSORS_PER_SECOND),
            ),
          Math.max(0, data.startAt - Date.now()) + Math.random() * (1000 / CURSORS_PER_SECOND),
        ),
      );
    }
    timeouts.push(
      setTimeout(
        () => {
          stopTimers();
          check(null, {
            'dojo: welcomed after joining': () => welcomed,
            'dojo: no server error': () => errors === 0,
            'dojo: every keystroke reached this peer': () => client === 0 || received >= keystrokes,
          });
          if (client !== 0 && received < keystrokes) missing.add(keystrokes - received);
          ws.send(frame([Frame.leaveRoom]));
          ws.close();
        },
        Math.max(0, scheduled(keystrokes) - Date.now()) + DRAIN_MS,
      ),
    );
  }
}

// ------------------------------------------------------------------ platform

export function platformUser(data) {
  const iteration = exec.scenario.iterationInTest;
  const tenant = iteration % tenants.length;
  const members = data.tokens[tenant];
  const token = members[iteration % members.length];
  const name = pocName(iteration);
  const write = http.post(`${config.platformUrl}/v1/pocs`, JSON.stringify({ name, languages: ['TypeScript'] }), {
    ...bearer(token),
    tags: { name: 'poc-write' },
  });
  platformWrites.add(write.timings.duration);
  check(write, { 'platform: POC created 201': (r) => r.status === 201 });
  const search = http.get(`${config.platformUrl}/v1/pocs/search?q=${encodeURIComponent(misspell(name))}&limit=5`, {
    ...bearer(token),
    tags: { name: 'search' },
  });
  platformSearches.add(search.timings.duration);
  check(search, { 'platform: typo search 200': (r) => r.status === 200 });
}

export function signupAndLogin() {
  const suffix = `${exec.scenario.iterationInTest}-${Date.now().toString(36)}`;
  const credentials = { email: `k6-${suffix}@example.com`, password: `k6-load-Test-${suffix}` };
  const signup = http.post(
    `${config.platformUrl}/v1/signup`,
    JSON.stringify({ tenantName: `k6 ${suffix}`, name: 'k6 signup', ...credentials }),
    { ...json, tags: { name: 'signup' } },
  );
  check(signup, { 'platform: sign-up 201': (r) => r.status === 201 });
  const login = http.post(`${config.platformUrl}/v1/auth/login`, JSON.stringify(credentials), {
    ...json,
    tags: { name: 'login' },
  });
  check(login, { 'platform: login 200': (r) => r.status === 200 });
}

export function handleSummary(data) {
  return summaryOutputs(data, 'PocDojo load test (k6)', __ENV.SUMMARY_PREFIX || 'load-summary');
}
