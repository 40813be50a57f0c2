import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import test from 'ava';

/**
 * common/ by audience (scripts/reshape-common.ts): contracts/ is browser-safe,
 * runtime/ is for Node services, dev/ for development and tests only.
 */
const root = join(import.meta.dirname, '..', '..');
const common = join(root, 'common');
const manifest = JSON.parse(readFileSync(join(common, 'package.json'), 'utf8')) as {
  exports: Record<string, string>;
};

function filesUnder(dir: string, pattern = /\.(ts|tsx)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

test('common exports each module by name: no wildcard, no /index, every target exists', (t) => {
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    t.false(subpath.includes('*') || target.includes('*'), subpath);
    t.false(subpath.endsWith('/index'), subpath);
    t.notThrows(() => statSync(join(common, target)), `${subpath} → ${target}`);
  }
  t.deepEqual(
    readdirSync(join(common, 'src')).sort(),
    ['contracts', 'dev', 'runtime'],
    'every module of common/src has an audience',
  );
});

test('contracts are browser-safe: no Node built-in, no server library, nothing from runtime or dev', (t) => {
  const serverOnly = /^(node:|koa|@koa\/|pino|prom-client|@aws-sdk\/|pg$|sqs-consumer|@opentelemetry\/|@sentry\/)/;
  for (const file of filesUnder(join(common, 'src', 'contracts'))) {
    for (const spec of importsOf(file)) {
      const where = `${relative(root, file)} imports ${spec}`;
      t.false(serverOnly.test(spec), where);
      t.false(/\/(runtime|dev)\//.test(spec), where);
    }
  }
});

test('no service, and nothing in common at run time, depends on the dev part', (t) => {
  const services = ['platform-api', 'dojo-engine', 'search-indexer', 'media-worker', 'notifier', 'kata-runner'];
  const runtimeFiles = [
    ...services.flatMap((service) => filesUnder(join(root, service, 'src'))),
    ...filesUnder(join(common, 'src', 'runtime')),
    ...filesUnder(join(common, 'src', 'contracts')),
  ];
  t.true(runtimeFiles.length > 100);
  for (const file of runtimeFiles) {
    for (const spec of importsOf(file)) {
      t.false(/@pocdojo\/common\/dev\/|^\.{1,2}\/.*\bdev\//.test(spec), `${relative(root, file)} imports ${spec}`);
    }
  }
});

test('every workspace that imports @pocdojo/common declares it', (t) => {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  for (const workspace of ['.', ...rootManifest.workspaces.filter((w) => w !== 'common')]) {
    const folder = join(root, workspace);
    const folders = workspace === '.' ? [join(root, 'scripts')] : [folder];
    const uses = folders
      .flatMap((dir) => filesUnder(dir, /\.(ts|tsx|mts|js|mjs)$/))
      .filter((file) => workspace !== '.' || !file.includes('/node_modules/'))
      .some((file) => importsOf(file).some((spec) => spec.startsWith('@pocdojo/common/')));
    if (!uses) continue;
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const declared = { ...pkg.dependencies, ...pkg.devDependencies }['@pocdojo/common'];
    t.truthy(declared, `${workspace} imports @pocdojo/common without declaring it`);
  }
});
