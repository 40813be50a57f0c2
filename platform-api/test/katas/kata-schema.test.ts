import { MAX_TICKET_STARTER_BYTES } from '@pocdojo/common/dojo-protocol/ticket';
import test from 'ava';
import { type Kata, kataSchema } from '../../src/katas/kata.ts';
import { Languages } from '../../src/katas/language.ts';

function validKata(): Kata {
  const starters = {} as Kata['starters'];
  for (const language of Languages) starters[language] = { files: { 'kata.txt': 'code', 'kata_test.txt': 'test' } };
  return {
    id: 'my-kata',
    title: 'My Kata',
    summary: 'A kata of our own.',
    description: '## The problem\nSomething to practise.',
    difficulty: 'easy',
    tags: ['tdd'],
    starters,
  };
}

/** The paths of the fields a schema error names, e.g. "starters.go.files". */
function errorPaths(kata: unknown): string[] {
  const result = kataSchema.safeParse(kata);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

test('a well-formed kata passes', (t) => {
  t.deepEqual(errorPaths(validKata()), []);
});

test('ids must be slugs', (t) => {
  for (const id of ['', 'My Kata', 'my_kata', '-kata', 'kata-', 'kata--two', 'kätä', 'a'.repeat(65)]) {
    t.deepEqual(errorPaths({ ...validKata(), id }), ['id'], JSON.stringify(id));
  }
  t.deepEqual(errorPaths({ ...validKata(), id: 'game-of-life-2' }), []);
});

test('the summary is one non-empty line', (t) => {
  t.deepEqual(errorPaths({ ...validKata(), summary: 'two\nlines' }), ['summary']);
  t.deepEqual(errorPaths({ ...validKata(), summary: '   ' }), ['summary']);
});

test('difficulty and tags come from closed sets of shapes', (t) => {
  t.deepEqual(errorPaths({ ...validKata(), difficulty: 'extreme' }), ['difficulty']);
  t.deepEqual(errorPaths({ ...validKata(), tags: ['tdd', 'tdd'] }), ['tags']);
  t.deepEqual(errorPaths({ ...validKata(), tags: ['Not A Slug'] }), ['tags.0']);
  t.deepEqual(errorPaths({ ...validKata(), tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) }), ['tags']);
});

test('every language needs starter files', (t) => {
  const kata = validKata();
  const { go: _go, ...withoutGo } = kata.starters;
  t.true(errorPaths({ ...kata, starters: withoutGo }).some((path) => path.startsWith('starters')));
  t.deepEqual(errorPaths({ ...kata, starters: { ...kata.starters, go: { files: {} } } }), ['starters.go.files']);
  t.true(errorPaths({ ...kata, starters: { ...kata.starters, cobol: { files: { a: 'b' } } } }).length > 0);
});

test('starter paths are relative, forward-slashed and never climb out', (t) => {
  const kata = validKata();
  for (const path of ['/etc/passwd', '../outside.ts', 'src/../../x.ts', 'src//x.ts', './x.ts', 'src\\x.ts']) {
    const starters = { ...kata.starters, typescript: { files: { [path]: 'x' } } };
    t.deepEqual(errorPaths({ ...kata, starters }), [`starters.typescript.files.${path}`], path);
  }
  const nested = { ...kata.starters, java: { files: { 'src/main/java/kata/Kata.java': 'class Kata {}' } } };
  t.deepEqual(errorPaths({ ...kata, starters: nested }), []);
});

test('a starter set larger than a dojo ticket carries is refused', (t) => {
  const kata = validKata();
  // Multi-byte characters count by their UTF-8 size, as the ticket measures them.
  const justFits = { 'a.ts': 'x'.repeat(MAX_TICKET_STARTER_BYTES - 2), 'b.ts': 'é' };
  const tooBig = { 'a.ts': 'x'.repeat(MAX_TICKET_STARTER_BYTES - 1), 'b.ts': 'é' };
  t.deepEqual(errorPaths({ ...kata, starters: { ...kata.starters, python: { files: justFits } } }), []);
  t.deepEqual(errorPaths({ ...kata, starters: { ...kata.starters, python: { files: tooBig } } }), [
    'starters.python.files',
  ]);
});
