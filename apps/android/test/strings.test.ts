import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { compareCatalogues, readCatalogue, usedKeys } from '../src/string-catalogue.ts';

const app = join(import.meta.dirname, '..', 'app', 'src', 'main');
const read = (path: string) => readFileSync(join(app, path), 'utf8');

/** Every Kotlin and XML file of the app except the string catalogues themselves. */
function appSources(dir = app): string {
  let all = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) all += appSources(path);
    else if (/\.(kt|xml)$/.test(entry.name) && !/[/\\]values[^/\\]*[/\\]strings\.xml$/.test(path))
      all += readFileSync(path, 'utf8');
  }
  return all;
}

test('English and Brazilian Portuguese have the same keys, placeholders and plurals, and the code uses exactly them', (t) => {
  const english = readCatalogue(read('res/values/strings.xml'));
  const portuguese = readCatalogue(read('res/values-pt-rBR/strings.xml'));
  t.true(english.size > 100, 'the catalogue was read');
  t.deepEqual(compareCatalogues(english, portuguese, usedKeys(appSources())), []);
});

test('the check fails on a missing translation, a wrong placeholder, an undefined and an unused key', (t) => {
  const en = readCatalogue(`<resources>
    <string name="a">Hello %1$s</string><string name="b">Bye</string><string name="unused">x</string>
    <plurals name="n"><item quantity="one">%d POC</item><item quantity="other">%d POCs</item></plurals></resources>`);
  const pt = readCatalogue(`<resources>
    <string name="a">Olá %1$d</string>
    <plurals name="n"><item quantity="one">%d POC</item><item quantity="other">%d POCs</item></plurals></resources>`);
  const used = usedKeys(
    'stringResource(R.string.a); stringResource(R.string.b); pluralStringResource(R.plurals.n, 1, 1); R.string.ghost',
  );
  t.deepEqual(compareCatalogues(en, pt, used).sort(), [
    '"a" has placeholders %1$s in English but %1$d in pt-BR',
    '"b" is missing in pt-BR',
    '"ghost" is used in code but not defined',
    '"unused" is defined but never used',
    '"unused" is missing in pt-BR',
  ]);
});

test('a key defined twice is refused', (t) => {
  t.throws(() => readCatalogue('<resources><string name="a">1</string><string name="a">2</string></resources>'), {
    message: /defined twice/,
  });
});
