import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { swiftFiles } from '../src/swift-syntax.ts';

/**
 * The iOS app's String Catalog (Localizable.xcstrings): every key in English and
 * Brazilian Portuguese, with the same format arguments, and every key the Swift
 * sources ask for present. Xcode only warns about a missing translation; this fails.
 */
const iosRoot = join(import.meta.dirname, '..');
const catalogPath = join(iosRoot, 'PocDojo/PocDojo/Resources/Localizable.xcstrings');
const languages = ['en', 'pt-BR'] as const;

interface StringUnit {
  stringUnit?: { state: string; value: string };
  variations?: { plural?: Record<string, { stringUnit: { value: string } }> };
}
interface Catalog {
  sourceLanguage: string;
  strings: Record<string, { localizations?: Record<string, StringUnit> }>;
}

const catalog = JSON.parse(await readFile(catalogPath, 'utf8')) as Catalog;

/** Every text of one localization: the plain value or each plural variant. */
function texts(unit: StringUnit | undefined): string[] {
  if (!unit) return [];
  if (unit.stringUnit) return [unit.stringUnit.value];
  return Object.values(unit.variations?.plural ?? {}).map((variant) => variant.stringUnit.value);
}

/** The format arguments of a text, e.g. `%1$@`, `%lld` (`%%` is a literal percent sign). */
function formatArguments(text: string): string[] {
  return [...text.replaceAll('%%', '').matchAll(/%(\d+\$)?(@|lld|ld|d|f)/g)].map((m) => m[0]).sort();
}

test('the catalog is English-first', (t) => {
  t.is(catalog.sourceLanguage, 'en');
  t.true(Object.keys(catalog.strings).length > 150);
});

test('every key has both languages, with the same format arguments', (t) => {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(catalog.strings)) {
    const byLanguage = languages.map((language) => texts(entry.localizations?.[language]));
    languages.forEach((language, i) => {
      if (byLanguage[i]!.length === 0 || byLanguage[i]!.some((text) => text.trim() === '')) {
        problems.push(`${key}: no ${language} text`);
      }
    });
    const [en, pt] = byLanguage.map((list) => formatArguments(list.at(-1) ?? ''));
    if (JSON.stringify(en) !== JSON.stringify(pt)) problems.push(`${key}: arguments ${en} (en) vs ${pt} (pt-BR)`);
    const plural = entry.localizations?.en?.variations?.plural;
    if (plural && !plural.other) problems.push(`${key}: plural without "other"`);
  }
  t.deepEqual(problems, []);
});

test('every key the Swift sources use exists in the catalog', async (t) => {
  const used = new Map<string, string>();
  for (const file of await swiftFiles(join(iosRoot, 'PocDojo'))) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(/\btr\("([a-z0-9_]+)"/g)) used.set(match[1]!, file.slice(iosRoot.length + 1));
    // Keys built from a prefix and a closed set of values: `tr("poc_status_\(status.rawValue)")`.
    for (const match of source.matchAll(/\btr\("([a-z0-9_]+_)\\\(/g))
      used.set(`${match[1]}*`, file.slice(iosRoot.length + 1));
  }
  t.true(used.size > 100, `found ${used.size} keys in the Swift sources`);
  const keys = Object.keys(catalog.strings);
  const missing = [...used]
    .filter(([key]) => (key.endsWith('*') ? !keys.some((k) => k.startsWith(key.slice(0, -1))) : !keys.includes(key)))
    .map(([key, file]) => `${key} (${file})`);
  t.deepEqual(missing, []);
});
