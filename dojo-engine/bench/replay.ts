/**
 * Replay benchmark (issue 10): a 2-hour dojo with 20,000 changes must open in
 * replay in under 2 s. Seeds such a dojo into a real Postgres (as the room
 * stores it: changes with their timeline rows, compacted into one snapshot,
 * actor bindings, test runs), serves it from a real engine, and measures what
 * the web app does to open the replay (`loadReplay`): fetch the document and
 * every timeline page over HTTP, load the document while the pages arrive,
 * index the heads, and show the files at the end. Then what scrubbing and 32×
 * playback cost per frame.
 *
 *   DATABASE_URL=postgres://… npm run bench:replay -w dojo-engine
 *   REPLAY_CHANGES=20000 REPLAY_OPENS=10 (defaults)
 */
import { randomUUID } from 'node:crypto';
import * as A from '@automerge/automerge';
import { type DojoReplay, loadReplay, type ReplayAutomerge } from '@pocdojo/common/dojo-replay/replay-model';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import { createTestDatabase } from '@pocdojo/common/testing/databases';
import { Audience, generateSigningKey, signToken, TokenType } from '@pocdojo/common/tokens';
import { DojoDocument } from '../src/document/dojo-document.ts';
import { migrate } from '../src/persistence/migrate.ts';
import { PostgresDojoStore } from '../src/persistence/postgres-dojo-store.ts';
import type { ChangeMeta } from '../src/persistence/timeline.ts';
import { createDojoServer } from '../src/server.ts';

const CHANGES = Number(process.env.REPLAY_CHANGES ?? 20_000);
const OPENS = Number(process.env.REPLAY_OPENS ?? 10);
const BUDGET_MS = 2000;
const DURATION_MS = 2 * 60 * 60 * 1000;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Doc {
  files: Record<string, string>;
}

/** Four people taking turns at the keyboard in bursts of 25 keystrokes, across three files, some deletions. */
function typeDojo(count: number): { starter: Uint8Array; changes: Uint8Array[]; actors: string[] } {
  const actors = Array.from({ length: 4 }, (_, i) => `${i + 1}`.repeat(32));
  const seed = A.change(A.init<Doc>({ actor: 'f'.repeat(32) }), { time: 0 }, (doc) => {
    doc.files = {
      'roman.ts': 'export function toRoman(n: number): string {\n  return "";\n}\n',
      'roman.test.ts': '',
      'notes.md': '',
    };
  });
  const starter = A.save(seed);
  const replicas = actors.map((actor) => A.load<Doc>(starter, { actor }));
  const changes: Uint8Array[] = [];
  const paths = ['roman.ts', 'roman.test.ts', 'notes.md'];
  let random = 42;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random / 2 ** 31;
  };
  for (let turn = 0; changes.length < count; turn++) {
    const who = turn % actors.length;
    let doc = replicas[who]!;
    const path = paths[turn % paths.length]!;
    let at = Math.floor(next() * (doc.files[path]?.length ?? 0));
    const burst: Uint8Array[] = [];
    for (let k = 0; k < 25 && changes.length + burst.length < count; k++) {
      const length = doc.files[path]?.length ?? 0;
      doc = A.change(doc, (draft) => {
        if (k % 9 === 8 && length > 0) A.splice(draft, ['files', path], Math.max(0, Math.min(at, length) - 1), 1);
        else A.splice(draft, ['files', path], Math.min(at++, length), 0, 'abcdefghij'[k % 10]!);
      });
      burst.push(A.getLastLocalChange(doc)!);
    }
    replicas[who] = doc;
    changes.push(...burst);
    for (let other = 0; other < replicas.length; other++) {
      if (other !== who) [replicas[other]] = A.applyChanges(replicas[other]!, burst);
    }
  }
  return { starter, changes, actors };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};
const ms = (value: number) => value.toFixed(1).padStart(9);

async function main() {
  log(`replay bench: a 2-hour dojo of ${CHANGES} changes by 4 people, ${OPENS} opens`);
  const database = await createTestDatabase('replaybench');
  await migrate(database.ownerUrl);
  const store = new PostgresDojoStore(database.appUrl);
  const { key } = await generateSigningKey();
  const server = createDojoServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database.appUrl,
    keys: { jwks: { keys: [key.publicJwk] } },
  });
  try {
    const typingStart = performance.now();
    const { starter, changes, actors } = typeDojo(CHANGES);
    log(`typed ${changes.length} changes in ${((performance.now() - typingStart) / 1000).toFixed(1)} s`);

    // Store the dojo as the room would: starter snapshot, changes with timeline rows, compactions, bindings, runs.
    const tenantId = randomUUID() as TenantId;
    const dojoId = randomUUID() as DojoId;
    await store.registerDojo(dojoId, tenantId);
    await store.compact(tenantId, dojoId, starter, 0);
    const started = Date.now() - DURATION_MS;
    const step = DURATION_MS / changes.length;
    let lastId = 0;
    for (let i = 0; i < changes.length; i += 500) {
      const slice = changes.slice(i, i + 500);
      const meta: ChangeMeta[] = slice.map((bytes, k) => {
        const { hash, actor, deps } = A.decodeChange(bytes);
        return { hash, actor, deps, at: Math.round(started + (i + k) * step) };
      });
      lastId = await store.appendChanges(tenantId, dojoId, slice, meta);
    }
    const stored = await store.loadDocument(tenantId, dojoId);
    const document = DojoDocument.load(stored!.snapshot, stored!.changes);
    await store.compact(tenantId, dojoId, document.save(), lastId);
    const users = actors.map((actor, i) => ({
      actor,
      userId: randomUUID() as UserId,
      name: ['Ana', 'Bruno', 'Carla', 'Davi'][i]!,
    }));
    await store.bindActors(tenantId, dojoId, users);
    const colours = ['red', 'green', 'green', 'amber'];
    await store.appendHistory(
      Array.from({ length: 60 }, (_, i) => ({
        dojoId,
        tenantId,
        kind: 'test_run' as const,
        userId: users[i % 4]!.userId,
        name: users[i % 4]!.name,
        data: { runId: randomUUID(), colour: colours[i % 4], summary: `${i} passed` },
        at: Math.round(started + (i + 0.5) * (DURATION_MS / 60)),
      })),
    );
    const bytes = document.save().byteLength;
    log(`stored: one snapshot of ${(bytes / 1024).toFixed(0)} KiB, ${changes.length} timeline rows, 60 test runs`);

    await server.listen();
    const token = await signToken(
      key,
      { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
      { sub: users[0]!.userId, tid: tenantId, roles: ['member'] },
    );
    const requests = { replay: [] as number[], page: [] as number[] };
    const getJson = async <T>(path: string): Promise<T> => {
      const r0 = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      const body = (await response.json()) as T;
      (path.includes('/timeline') ? requests.page : requests.replay).push(performance.now() - r0);
      return body;
    };
    const decode = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

    // Baseline in the same run: what a room join costs to load the same dojo from Postgres.
    const baseline: number[] = [];
    const opens = { total: [] as number[], open: [] as number[], show: [] as number[] };
    let replay: DojoReplay | undefined;
    for (let i = 0; i < OPENS + 1; i++) {
      const b0 = performance.now();
      const again = await store.loadDocument(tenantId, dojoId);
      DojoDocument.load(again!.snapshot, again!.changes).files();
      const b1 = performance.now();

      const t0 = performance.now();
      replay = await loadReplay({
        getJson,
        automerge: Promise.resolve(A as unknown as ReplayAutomerge),
        dojoId,
        decodeBase64: decode,
      });
      const t1 = performance.now();
      const files = replay.filesAt(replay.changes.length - 1);
      const t2 = performance.now();
      if (files['roman.ts'] === undefined || replay.changes.length !== changes.length || replay.runs.length !== 60) {
        throw new Error(`replay incomplete: ${replay.changes.length} changes, ${replay.runs.length} runs`);
      }
      if (i === 0) continue; // warm-up
      baseline.push(b1 - b0);
      opens.open.push(t1 - t0);
      opens.show.push(t2 - t1);
      opens.total.push(t2 - t0);
    }

    // Scrubbing: the files at random moments; 32× playback redraws at most every animation frame.
    const frames: number[] = [];
    const edits: number[] = [];
    for (let i = 0; i < 300; i++) {
      const index = Math.floor((((i * 7919) % 300) / 300) * replay!.changes.length);
      const f0 = performance.now();
      replay!.filesAt(index);
      const f1 = performance.now();
      replay!.editsOf(index);
      edits.push(performance.now() - f1);
      frames.push(f1 - f0);
    }

    const total = stats(opens.total);
    log('');
    log('| open in replay (ms)                        |       p50 |       p95 |       p99 |       max |');
    log('|--------------------------------------------|-----------|-----------|-----------|-----------|');
    const row = (name: string, samples: number[]) => {
      const s = stats(samples);
      log(`| ${name.padEnd(42)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    };
    row('total: open + files at the end', opens.total);
    row('  open: fetch ∥ load the document, index', opens.open);
    row('    GET /replay (document, actors)', requests.replay);
    row('    GET /timeline, one page of 10,000 rows', requests.page);
    row('  files at the last change', opens.show);
    row('baseline: a room join loads the same dojo', baseline);
    row('scrub: files at a random moment (1 frame)', frames);
    row('who typed what: one change’s edits', edits);
    log('');
    log(
      `open p95 / 2 s budget: ${(total.p95 / BUDGET_MS).toFixed(2)}×  (${total.p95 < BUDGET_MS ? 'within' : 'OVER'} budget)`,
    );
    log(`open p50 / room-join load p50: ${(total.p50 / stats(baseline).p50).toFixed(2)}×`);
    log(`scrub throughput: ${(1000 / stats(frames).p50).toFixed(0)} frames/s at p50 (32× playback needs ≥ 10)`);
    log(`opens measured: ${opens.total.length} (one warm-up discarded); document ${(bytes / 1024).toFixed(0)} KiB`);
  } finally {
    await server.close();
    await store.close();
    await database.drop();
  }
}

await main();
