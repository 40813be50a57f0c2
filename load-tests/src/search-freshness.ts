/**
 * `npm run bench:search-freshness -w load-tests`: how long after `POST /v1/pocs`
 * answers 201 the POC is findable through `GET /v1/pocs/search` — the whole
 * path (outbox → relay → SQS → search-indexer → platform search), measured
 * against a running stack, by default the one `npm start` runs.
 *
 * Env: PLATFORM_API_URL (default http://127.0.0.1:3000), FRESHNESS_POCS (200),
 * FRESHNESS_RATE (new POCs per second, 20). Target: p95 ≤ 1 s.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformClient } from './platform-client.ts';

const TIMEOUT_MS = 10_000;
const POLL_MS = 10;

const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** A word no other POC has (10 letters), so one search finds exactly the probe. */
const uniqueWord = () => Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** Creates one POC and polls search until it shows; returns the milliseconds from 201 to findable, or null on timeout. */
async function probe(platform: PlatformClient): Promise<number | null> {
  const word = uniqueWord();
  const id = await platform.createPoc(`Freshness probe ${word}`);
  const created = performance.now();
  while (performance.now() - created < TIMEOUT_MS) {
    if ((await platform.search(word)).includes(id)) return performance.now() - created;
    await sleep(POLL_MS);
  }
  return null;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const baseUrl = process.env.PLATFORM_API_URL ?? 'http://127.0.0.1:3000';
const count = positive('FRESHNESS_POCS', 200);
const rate = positive('FRESHNESS_RATE', 20);
const platform = new PlatformClient(baseUrl);
try {
  await platform.signup();
  console.log(`search freshness against ${baseUrl}: ${count} POCs at ${rate}/s`);
  const probes: Array<Promise<number | null>> = [];
  for (let i = 0; i < count; i++) {
    probes.push(probe(platform));
    if ((i + 1) % rate === 0) process.stdout.write(`\r  ${i + 1}/${count} created`);
    await sleep(1000 / rate);
  }
  const results = await Promise.all(probes);
  const found = results.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(
    `\ncreated → findable: p50 ${f(percentile(found, 50))}, p95 ${f(percentile(found, 95))}, ` +
      `p99 ${f(percentile(found, 99))}, max ${f(found.at(-1) ?? Number.NaN)}; ` +
      `${count - found.length} not findable within ${TIMEOUT_MS / 1000} s`,
  );
  const met = found.length === count && percentile(found, 95) <= 1000;
  console.log(`target: p95 ≤ 1 s with every POC found → ${met ? 'met' : 'missed'}`);
} catch (error) {
  console.error(`search freshness failed: ${(error as Error).message} (is the stack running? npm start)`);
  process.exitCode = 1;
}
