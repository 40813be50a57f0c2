/**
 * Gives `common/` its shape by audience, mechanically, so it can be re-run
 * after a merge brings new modules:
 *
 * - `contracts/` — browser-safe: what crosses a process (schemas, protocol,
 *   vocabularies) and the rules client and server both apply;
 * - `runtime/` — what Node services run with (config, logs, metrics, tokens,
 *   the service kit, AWS clients);
 * - `dev/` — development and tests only (embedded Postgres, the SQS/S3
 *   emulator, ports, test helpers): no service image carries it.
 *
 * It `git mv`s every module still at the top of `common/src` to its audience
 * (the table below; an unknown module stops it), rewrites every import in the
 * repository (`@pocdojo/common/x` and relative paths, `/index` dropped), and
 * writes common's `exports` map: one explicit entry per module imported from
 * outside common, nothing else. Run it again after any change to the table or
 * to who imports what: `node scripts/reshape-common.ts` (idempotent; then `npm run typecheck`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

type Audience = 'contracts' | 'runtime' | 'dev';

/** Where each top-level module (file without `.ts`, or folder) of common/src belongs. */
const audiences: Record<string, Audience> = {
  'dojo-protocol': 'contracts',
  'dojo-replay': 'contracts',
  events: 'contracts',
  ids: 'contracts',
  'kata-runs': 'contracts',
  notifications: 'contracts',
  languages: 'contracts',
  'password-policy': 'contracts',
  'poc-date': 'contracts',
  'report-figures': 'contracts',
  'text-policy': 'contracts',
  i18n: 'contracts',
  aws: 'runtime',
  bearer: 'runtime',
  config: 'runtime',
  'csv-cell': 'runtime',
  'error-reporting': 'runtime',
  'error-sink': 'runtime',
  'http-server': 'runtime',
  'internal-api-client': 'runtime',
  'internal-auth': 'runtime',
  instrument: 'runtime',
  'jsonl-span-exporter': 'runtime',
  logger: 'runtime',
  'media-bucket-cors': 'runtime',
  'message-tracing': 'runtime',
  metrics: 'runtime',
  'metrics-server': 'runtime',
  'ops-routes': 'runtime',
  problem: 'runtime',
  'queue-consumer': 'runtime',
  'request-context': 'runtime',
  'request-id': 'runtime',
  'run-service': 'runtime',
  's3-cors': 'runtime',
  's3-response-overrides': 'runtime',
  'sealed-links': 'runtime',
  'service-app': 'runtime',
  spans: 'runtime',
  'sql-migrations': 'runtime',
  'sqs-backoff': 'runtime',
  tokens: 'runtime',
  tracing: 'runtime',
  'aws-emulator': 'dev',
  'embedded-postgres': 'dev',
  ports: 'dev',
  'postgres-admin': 'dev',
  'setup-error': 'dev',
  testing: 'dev',
};

/** Modules that leave a browser-safe folder for runtime (Node or Koa inside): old path → new path, under src. */
const moves: Record<string, string> = {
  'contracts/i18n/content-language.ts': 'runtime/i18n/content-language.ts',
};

/** Subpaths kept short on purpose: `node --import @pocdojo/common/instrument` (images, npm start). */
const aliases: Record<string, string> = { instrument: 'runtime/instrument' };

const root = join(import.meta.dirname, '..');
const src = join(root, 'common', 'src');
const manifestPath = join(root, 'common', 'package.json');
/** Explicit subpaths the map had before this run (a wildcard aside): `dojo-protocol/messages` → its file under src. */
const exported = new Map(
  Object.entries(JSON.parse(readFileSync(manifestPath, 'utf8')).exports as Record<string, string>)
    .filter(([subpath]) => !subpath.includes('*'))
    .map(([subpath, target]) => [subpath.slice(2), target.replace(/^\.\/src\//, '')]),
);
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

// 1. Move: old path (relative to src, with extension) → new path.
const renamed = new Map<string, string>();
for (const name of readdirSync(src)) {
  if (['contracts', 'runtime', 'dev'].includes(name)) continue;
  const module = name.replace(/\.ts$/, '');
  const audience = audiences[module];
  if (!audience) throw new Error(`common/src/${name}: add it to the audiences table of scripts/reshape-common.ts`);
  for (const file of filesUnder(join(src, name))) {
    const from = relative(src, file);
    renamed.set(from, posix.join(audience, from));
  }
}
for (const [from, to] of Object.entries(moves)) {
  const now = [...renamed.entries()].find(([, moved]) => moved === from)?.[0] ?? from;
  if (renamed.has(now) || existsSync(join(src, from))) renamed.set(now, to);
}
for (const [from, to] of renamed) {
  execFileSync('mkdir', ['-p', dirname(join(src, to))]);
  git('mv', join('common/src', from), join('common/src', to));
}

// 2. Rewrite relative imports into common/src, in code.
const relativeImport = /(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[\w./-]+)\2/g;
const tracked = git('ls-files', '-z')
  .split('\0')
  .filter((f) => f && f !== 'scripts/reshape-common.ts' && existsSync(join(root, f)));
const sources = tracked.filter((f) => /\.(ts|tsx|mts|js|mjs)$/.test(f));
const newPathOf = (oldRel: string) => renamed.get(oldRel) ?? oldRel;
const movedTo = new Map([...renamed].map(([from, to]) => [join(src, to), from]));
for (const file of sources) {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  // Where this file was before the move (sources inside common/src moved too).
  const oldFile = movedTo.get(path);
  const fileDirBefore = oldFile ? dirname(join(src, oldFile)) : dirname(path);
  const after = before.replace(relativeImport, (whole, lead: string, quote: string, spec: string) => {
    const oldRel = relative(src, join(fileDirBefore, spec));
    if (oldRel.startsWith('..') || (!renamed.has(oldRel) && !isFile(join(src, oldRel)))) return whole;
    let rel = relative(dirname(path), join(src, newPathOf(oldRel)))
      .split('\\')
      .join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${quote}${rel}${quote}`;
  });
  if (after !== before) writeFileSync(path, after);
}

// 3. Package subpaths (`@pocdojo/common/x`, imports and prose alike) and repository paths
// (`common/src/x.ts`, `common/src/folder/`) that name a moved module.
const textFiles = tracked.filter((f) => /(\.(md|ts|tsx|mts|js|mjs|json|ya?ml)|Dockerfile)$/.test(f));
for (const file of textFiles) {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = before
    .replace(/@pocdojo\/common\/([\w-]+(?:\/[\w-]+)*(?:\.json)?)/g, (whole, sub: string) => {
      const module = sub.replace(/\/index$/, '');
      if (aliases[module]) return whole;
      const resolved = resolveModule(module);
      if (!resolved) return whole;
      return `@pocdojo/common/${newPathOf(resolved)
        .replace(/\.ts$/, '')
        .replace(/\/index$/, '')}`;
    })
    .replace(/common\/src\/([\w./-]+\.(?:ts|json))/g, (whole, rel: string) =>
      renamed.has(rel) ? `common/src/${renamed.get(rel)}` : whole,
    )
    .replace(/common\/src\/([\w-]+)\//g, (whole, folder: string) =>
      audiences[folder] && !['contracts', 'runtime', 'dev'].includes(folder)
        ? `common/src/${audiences[folder]}/${folder}/`
        : whole,
    );
  if (after !== before) writeFileSync(path, after);
}
for (const folder of readdirSync(src)) {
  if (statSync(join(src, folder)).isDirectory() && filesUnder(join(src, folder)).length === 0)
    execFileSync('rm', ['-r', join(src, folder)]);
}

// 4. The exports map: one entry per subpath imported from outside common/src.
const used = new Set<string>(Object.keys(aliases));
const packageImport = /(?:from\s+|import\s*\(\s*|import\s+)['"]@pocdojo\/common\/([\w./-]+)['"]/g;
for (const file of sources.filter((f) => !f.startsWith('common/src/'))) {
  for (const match of readFileSync(join(root, file), 'utf8').matchAll(packageImport)) {
    if (resolveModule(match[1]!)) used.add(match[1]!);
  }
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.exports = Object.fromEntries(
  [...used].sort().map((sub) => [`./${sub}`, `./src/${resolveModule(aliases[sub] ?? sub)}`]),
);
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
// Rewritten imports sort differently: let Biome put them in order (its safe fixes only).
execFileSync('npx', ['biome', 'check', '--write', '.'], { cwd: root, stdio: 'ignore' });
console.log(`moved ${renamed.size} files; common exports ${used.size} subpaths`);

/** `x` → `x.ts` or `x/index.ts` (a folder module), relative to src; undefined when neither exists. */
function resolveModule(sub: string): string | undefined {
  const listed = exported.get(sub) ?? exported.get(`${sub}/index`);
  if (listed && isFile(join(src, listed))) return listed;
  if (isFile(join(src, `${sub}.ts`))) return `${sub}.ts`;
  if (isFile(join(src, sub, 'index.ts'))) return `${sub}/index.ts`;
  if (/\.json$/.test(sub) && isFile(join(src, sub))) return sub;
  // A name from before an earlier run (a merged branch still says `@pocdojo/common/logger`).
  for (const audience of ['contracts', 'runtime', 'dev']) {
    if (isFile(join(src, audience, `${sub}.ts`))) return `${audience}/${sub}.ts`;
    if (isFile(join(src, audience, sub, 'index.ts'))) return `${audience}/${sub}/index.ts`;
  }
  // Not moved yet (first pass): look it up where it was.
  const old = [...renamed.entries()].find(([from]) => from === `${sub}.ts` || from === `${sub}/index.ts`);
  return old?.[0];
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
