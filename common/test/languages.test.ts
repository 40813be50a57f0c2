import test from 'ava';
import { canonicalLanguage, findLanguage, Languages, labelKey, languageSynonyms } from '../src/contracts/languages.ts';

test('aliases and any case give the canonical spelling', (t) => {
  t.is(canonicalLanguage('golang'), 'Go');
  t.is(canonicalLanguage('GO'), 'Go');
  t.is(canonicalLanguage(' ts '), 'TypeScript');
  t.is(canonicalLanguage('typescript'), 'TypeScript');
  t.is(canonicalLanguage('c#'), 'C#');
  t.is(canonicalLanguage('C Sharp'), 'C#');
  t.is(canonicalLanguage('cpp'), 'C++');
});

test('a language the catalogue does not know is kept as written, whitespace tidied', (t) => {
  t.is(canonicalLanguage('  Gleam  '), 'Gleam');
  t.is(canonicalLanguage('Brain  Fudge'), 'Brain Fudge');
  t.is(findLanguage('gleam'), undefined);
});

test('no alias names two languages', (t) => {
  const seen = new Map<string, string>();
  for (const { name, aliases } of Languages) {
    for (const label of [name, ...aliases]) {
      const owner = seen.get(labelKey(label));
      t.true(owner === undefined, `${label} belongs to ${owner} and ${name}`);
      seen.set(labelKey(label), name);
    }
  }
});

test('synonyms point both ways and skip multi-word aliases', (t) => {
  const synonyms = languageSynonyms();
  t.deepEqual(synonyms.golang, ['go']);
  t.true(synonyms.go?.includes('golang'));
  t.true(synonyms.csharp?.includes('c#'));
  t.true(synonyms['c#']?.includes('csharp'));
  t.false('c sharp' in synonyms);
});
