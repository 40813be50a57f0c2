import { dojoSettingsSchema, MAX_TICKET_STARTER_BYTES } from '@pocdojo/common/dojo-protocol/ticket';
import test from 'ava';
import {
  builtinKatas,
  findBuiltinKata,
  type Language,
  Languages,
  starterFiles,
} from '../../src/katas/builtin-katas.ts';
import { KATA_ID_PATTERN, kataSchema, starterBytes } from '../../src/katas/kata.ts';
import { languageConventions } from '../../src/katas/language.ts';

const requiredClassics = [
  'fizzbuzz',
  'roman-numerals',
  'bowling-game',
  'game-of-life',
  'mars-rover',
  'string-calculator',
  'word-wrap',
  'tennis',
  'bank-ocr',
  'gilded-rose',
];

test('the catalogue holds at least the ten classic katas', (t) => {
  const ids = builtinKatas.map((kata) => kata.id);
  t.true(ids.length >= 10);
  for (const id of requiredClassics) t.true(ids.includes(id), `missing ${id}`);
});

test('kata ids are unique and slug-shaped', (t) => {
  const ids = builtinKatas.map((kata) => kata.id);
  t.is(new Set(ids).size, ids.length);
  for (const id of ids) t.regex(id, KATA_ID_PATTERN);
});

test('every built-in kata passes the kata schema', (t) => {
  for (const kata of builtinKatas) {
    const result = kataSchema.safeParse(kata);
    t.true(result.success, `${kata.id}: ${result.error?.message}`);
  }
});

test('every kata has all four languages, each with exactly one code file and one test file', (t) => {
  t.deepEqual([...Languages], ['typescript', 'python', 'java', 'go']);
  for (const kata of builtinKatas) {
    t.deepEqual(Object.keys(kata.starters).sort(), [...Languages].sort(), kata.id);
    for (const language of Languages) {
      const paths = Object.keys(kata.starters[language].files);
      const tests = paths.filter((path) => languageConventions[language].isTestFile(path));
      t.is(paths.length, 2, `${kata.id}/${language}: ${paths.join(', ')}`);
      t.is(tests.length, 1, `${kata.id}/${language} test files: ${tests.join(', ')}`);
    }
  }
});

test('Java starters follow the Maven layout and name the file after its public class', (t) => {
  for (const kata of builtinKatas) {
    for (const [path, text] of Object.entries(kata.starters.java.files)) {
      t.regex(path, /^src\/(main|test)\/java\/kata\/[A-Z]\w*\.java$/, `${kata.id}: ${path}`);
      t.true(text.startsWith('package kata;\n'), `${kata.id}: ${path} declares package kata`);
      const className = path.slice(path.lastIndexOf('/') + 1, -'.java'.length);
      t.regex(text, new RegExp(`\\bclass ${className}\\b`), `${kata.id}: ${path} declares ${className}`);
    }
  }
});

test('every starter set fits in a dojo ticket', (t) => {
  for (const kata of builtinKatas) {
    for (const language of Languages) {
      const files = starterFiles(kata, language);
      t.true(starterBytes(files) <= MAX_TICKET_STARTER_BYTES, `${kata.id}/${language}: ${starterBytes(files)} bytes`);
      // The engine receives the files through the ticket's own schema: it must accept them as they are.
      const settings = {
        title: kata.title,
        language,
        durationMinutes: 60,
        rotationMinutes: 7,
        editPolicy: 'driver',
        kataId: kata.id,
        version: 1,
        files,
      };
      t.true(dojoSettingsSchema.safeParse(settings).success, `${kata.id}/${language} rejected by dojoSettingsSchema`);
    }
  }
});

test('descriptions are real handouts: several sections, examples or rules, suggested steps', (t) => {
  for (const kata of builtinKatas) {
    const headings = kata.description.match(/^## .+$/gm) ?? [];
    t.true(kata.description.length >= 800, `${kata.id}: ${kata.description.length} characters`);
    t.true(headings.length >= 3, `${kata.id}: ${headings.join(' | ')}`);
    t.regex(kata.description, /^## (Rules|Examples?|Steps|How the system works|User story 1)/m, kata.id);
    t.regex(kata.description, /^## (Suggested steps|Steps)/m, kata.id);
    t.false(/[\r\n]/.test(kata.summary), `${kata.id}: summary is one line`);
    t.true(kata.summary.length >= 30, `${kata.id}: summary says something`);
  }
});

test('starter texts end with one newline and carry no trailing whitespace', (t) => {
  for (const kata of builtinKatas) {
    for (const language of Languages) {
      for (const [path, text] of Object.entries(kata.starters[language].files)) {
        t.true(text.endsWith('\n') && !text.endsWith('\n\n'), `${kata.id}/${path}`);
        t.false(/[ \t]+$/m.test(text), `${kata.id}/${path} has trailing whitespace`);
      }
    }
  }
});

test('findBuiltinKata finds a kata by id and nothing for an unknown id', (t) => {
  t.is(findBuiltinKata('gilded-rose')?.title, 'Gilded Rose');
  t.is(findBuiltinKata('no-such-kata'), undefined);
});

test('starterFiles returns a copy that callers may change without touching the catalogue', (t) => {
  const kata = findBuiltinKata('fizzbuzz')!;
  const files = starterFiles(kata, 'python');
  t.deepEqual(Object.keys(files).sort(), ['fizzbuzz.py', 'test_fizzbuzz.py']);
  files['fizzbuzz.py'] = 'changed';
  t.not(starterFiles(kata, 'python')['fizzbuzz.py'], 'changed');
});

test('starterFiles refuses an unknown language with a message naming the supported ones', (t) => {
  const kata = findBuiltinKata('tennis')!;
  const error = t.throws(() => starterFiles(kata, 'cobol' as Language), { instanceOf: RangeError });
  t.regex(error.message, /"cobol".*typescript, python, java, go/);
});

test('the catalogue is frozen all the way down', (t) => {
  const kata = builtinKatas[0]!;
  t.true(Object.isFrozen(builtinKatas));
  t.true(Object.isFrozen(kata));
  t.true(Object.isFrozen(kata.tags));
  t.true(Object.isFrozen(kata.starters.go.files));
  t.throws(() => {
    (kata as { title: string }).title = 'changed';
  });
});
