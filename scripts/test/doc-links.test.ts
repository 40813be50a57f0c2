import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import test from 'ava';

/**
 * The documentation a clone carries must stand on its own: every relative link
 * in a tracked markdown file reaches a file of the repository, every
 * "architecture §n" a comment cites is a section of docs/architecture.md, and
 * nothing points at notes that live outside the repository.
 */
const root = resolve(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '' && existsSync(join(root, path)));

test('every relative link in a markdown file reaches a file of the repository', (t) => {
  const broken: string[] = [];
  for (const path of tracked.filter((p) => p.endsWith('.md'))) {
    const text = readFileSync(join(root, path), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!) || target!.startsWith('#')) continue;
      const file = target!.split('#')[0]!;
      if (!existsSync(resolve(root, dirname(path), file))) broken.push(`${path} → ${target}`);
    }
  }
  t.deepEqual(broken, []);
});

test('every cited section of the architecture exists, and nothing cites notes outside the repository', (t) => {
  const architecture = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const sections = new Set([...architecture.matchAll(/^## (\d+)\./gm)].map((m) => m[1]));
  const problems: string[] = [];
  for (const path of tracked.filter((p) => /\.(ts|tsx|md|sql|kt|swift|json)$/.test(p) && !p.endsWith('openapi.json'))) {
    const text = readFileSync(join(root, path), 'utf8');
    for (const [cited] of text.matchAll(/architecture(?:\.md)? §(\d+)/g)) {
      const section = cited.match(/§(\d+)/)![1];
      if (!sections.has(section)) problems.push(`${path}: ${cited}`);
    }
    if (path !== 'scripts/test/doc-links.test.ts' && /\.\.\/shared\/|DESIGN\.md|STACK-NOTES/.test(text)) {
      problems.push(`${path}: cites notes outside the repository`);
    }
  }
  t.deepEqual(problems, []);
});
