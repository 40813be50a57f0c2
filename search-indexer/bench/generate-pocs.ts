import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = [
  'realtime',
  'serverless',
  'distributed',
  'reactive',
  'minimal',
  'secure',
  'offline',
  'collaborative',
  'headless',
  'incremental',
  'scalable',
  'embedded',
  'federated',
  'portable',
  'streaming',
  'declarative',
  'resilient',
  'typed',
  'lightweight',
  'concurrent',
  'experimental',
  'automated',
  'interactive',
  'encrypted',
  'observable',
  'modular',
];
const SUBJECTS = [
  'payments',
  'inventory',
  'chat',
  'invoice',
  'analytics',
  'authentication',
  'notification',
  'search',
  'billing',
  'scheduler',
  'recommendation',
  'geolocation',
  'telemetry',
  'checkout',
  'onboarding',
  'translation',
  'workflow',
  'document',
  'calendar',
  'messaging',
  'ledger',
  'shipping',
  'booking',
  'catalogue',
  'reporting',
  'feature',
  'identity',
  'image',
  'video',
  'weather',
  'sensor',
  'fleet',
  'warehouse',
  'compliance',
  'pricing',
  'survey',
];
const THINGS = [
  'gateway',
  'dashboard',
  'service',
  'pipeline',
  'engine',
  'explorer',
  'prototype',
  'crawler',
  'bot',
  'toolkit',
  'simulator',
  'parser',
  'visualizer',
  'monitor',
  'backend',
  'library',
  'plugin',
  'extension',
  'orchestrator',
  'playground',
  'benchmark',
  'adapter',
  'cache',
  'proxy',
  'migrator',
  'generator',
  'tracker',
  'editor',
  'emulator',
];
const LANGUAGES = [
  'TypeScript',
  'JavaScript',
  'Python',
  'Go',
  'Rust',
  'Java',
  'Kotlin',
  'Swift',
  'C#',
  'Ruby',
  'Elixir',
  'Scala',
  'Haskell',
  'Clojure',
  'PHP',
  'C++',
  'Dart',
  'Zig',
];
const TAGS = [
  'web',
  'cli',
  'api',
  'mobile',
  'ml',
  'devops',
  'database',
  'frontend',
  'backend',
  'security',
  'testing',
  'cloud',
  'iot',
  'graphql',
  'grpc',
  'kafka',
  'kubernetes',
  'terraform',
  'websocket',
  'llm',
  'data',
  'ui',
  'game',
  'crdt',
];
const FILLER = [
  'explores',
  'how',
  'to',
  'build',
  'a',
  'with',
  'using',
  'and',
  'for',
  'small',
  'teams',
  'quickly',
  'the',
  'of',
  'proof',
  'concept',
  'measuring',
  'latency',
  'throughput',
  'deployment',
  'on',
  'edge',
  'devices',
  'event',
  'sourcing',
];

/** Weighted towards the first entries, as real language and tag usage is. */
function skewed<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() ** 2 * list.length)];
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

function uuid(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `tenants × perTenant` POCs with realistic names, 1–3 languages, 1–4 tags and a one-sentence description. */
export function generatePocs(
  tenants: number,
  perTenant: number,
  seed = 42,
): { tenantIds: string[]; pocs: SearchablePoc[] } {
  const rng = random(seed);
  const tenantIds = Array.from({ length: tenants }, () => uuid(rng));
  const pocs: SearchablePoc[] = [];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (const tenantId of tenantIds) {
    const owners = Array.from({ length: 10 }, () => uuid(rng));
    for (let i = 0; i < perTenant; i++) {
      const name = `${pick(rng, ADJECTIVES)} ${pick(rng, SUBJECTS)} ${pick(rng, THINGS)}`.replace(/^./, (c) =>
        c.toUpperCase(),
      );
      const languages = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 3) }, () => skewed(rng, LANGUAGES)))];
      const tags = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 4) }, () => skewed(rng, TAGS)))];
      const description = Array.from({ length: 12 }, () =>
        rng() < 0.2 ? pick(rng, SUBJECTS) : rng() < 0.1 ? pick(rng, THINGS) : pick(rng, FILLER),
      ).join(' ');
      const at = new Date(start + Math.floor(rng() * 730 * 86_400_000)).toISOString();
      pocs.push({
        id: uuid(rng),
        tenantId,
        ownerId: pick(rng, owners),
        name,
        description,
        languages,
        tags,
        status: pick(rng, PocStatuses),
        repoUrl: null,
        startedAt: at,
        finishedAt: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
    }
  }
  return { tenantIds, pocs };
}

/** One typo a user might make in `word` (swap, drop, double or replace a letter), never on the first letter. */
export function misspell(rng: () => number, word: string): string {
  const i = 1 + Math.floor(rng() * (word.length - 2));
  switch (Math.floor(rng() * 4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const letter = 'etaoinsrhl'.replace(word[i], '')[Math.floor(rng() * 9)];
      return word.slice(0, i) + letter + word.slice(i + 1);
    }
  }
}
