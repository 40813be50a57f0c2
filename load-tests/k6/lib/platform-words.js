// Names the platform scenario writes and the typos it searches with, in plain JavaScript with no
// imports (k6 and the Node harness share it; load-tests/test checks the typos stay findable).

const WORDS = [
  'kubernetes',
  'operator',
  'terraform',
  'pipeline',
  'observability',
  'postgres',
  'replication',
  'streaming',
  'serverless',
  'gateway',
  'telemetry',
  'migration',
  'dashboard',
  'scheduler',
  'realtime',
  'inventory',
  'payments',
  'checkout',
  'analytics',
  'recommendation',
];

/** A POC name of two words for iteration `n` (deterministic: runs are comparable). */
export function pocName(n) {
  const first = WORDS[n % WORDS.length];
  const second = WORDS[Math.floor(n / WORDS.length + 7) % WORDS.length];
  return `${first} ${second} ${n}`;
}

/**
 * The query a user with a typo would type for `name`: its first word missing its middle letter
 * (one edit: the search forgives one from 5 letters on, two from 9).
 */
export function misspell(name) {
  const word = name.split(' ')[0];
  const at = Math.floor(word.length / 2);
  return `${word.slice(0, at)}${word.slice(at + 1)}`;
}
