import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { lintDockerfile } from '../src/images/dockerfile-lint.ts';

const dockerfile = readFileSync(join(import.meta.dirname, '..', '..', 'images', 'Dockerfile'), 'utf8');

test('the service Dockerfile lints clean', (t) => {
  t.deepEqual(lintDockerfile(dockerfile), []);
});

test('the lint catches an unpinned base, a root user, a HEALTHCHECK, a shell-form CMD and bad syntax', (t) => {
  const unpinned = dockerfile.replace(/@sha256:[0-9a-f]{64}/, '');
  t.true(lintDockerfile(unpinned).some((p) => p.includes('not pinned by digest')));
  const root = dockerfile.replace(/^USER node$/m, 'USER root');
  t.true(lintDockerfile(root).some((p) => p.includes('non-root USER')));
  t.true(lintDockerfile(`${dockerfile}\nHEALTHCHECK CMD true\n`).some((p) => p.startsWith('HEALTHCHECK')));
  const shellForm = dockerfile.replace(/^CMD .*$/m, 'CMD node platform-api/src/main.ts');
  t.true(lintDockerfile(shellForm).some((p) => p.includes('exec form')));
  t.true(lintDockerfile(`${dockerfile}\nCOPY\n`).length > 0);
});
