import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

/** The languages every catalogue folder holds, one `<locale>.json` each. */
const LANGUAGES = ['en', 'pt-BR'];
const SOURCE = /\.(ts|tsx)$/;
const SKIP = new Set(['node_modules', 'dist', '.data', 'cdk.out']);

/**
 * One word per concept in each language, the one every client uses (the Android and iOS strings
 * too): a team is an "equipe" — the web app had said "time" in some places and "equipe" in others.
 */
const GLOSSARY: Record<string, Array<{ avoid: RegExp; use: string }>> = {
  'pt-BR': [{ avoid: /(?<![\p{L}\d])times?(?![\p{L}\d])/iu, use: 'equipe' }],
};

/**
 * Checks every message catalogue under `root` (`<workspace>/src/i18n/<locale>.json`, at any depth):
 * each language has the same keys, every message parses as ICU MessageFormat and names the same
 * placeholders in each language, and every key is used — written as a string literal somewhere in
 * the workspace's `src/` — so a catalogue cannot keep text nobody shows — and each language keeps to
 * its GLOSSARY. Returns one line per problem.
 */
export function checkCatalogues(root: string): string[] {
  const problems: string[] = [];
  for (const folder of catalogueFolders(root)) {
    const where = relative(root, folder) || '.';
    const catalogues = new Map<string, Record<string, unknown>>();
    for (const language of LANGUAGES) {
      try {
        catalogues.set(language, JSON.parse(readFileSync(join(folder, `${language}.json`), 'utf8')));
      } catch (error) {
        problems.push(`${where}/${language}.json: cannot be read (${(error as Error).message})`);
      }
    }
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      if (!LANGUAGES.includes(file.slice(0, -5))) problems.push(`${where}/${file}: not one of ${LANGUAGES.join(', ')}`);
    }
    const allKeys = new Set([...catalogues.values()].flatMap((catalogue) => Object.keys(catalogue)));
    // Keys are used anywhere in the workspace's src/ (common's from runtime/ too).
    const sources = sourceTexts(folder.replace(/\/contracts\/i18n$|\/i18n$/, ''));
    for (const key of [...allKeys].sort()) {
      const argumentsByLanguage = new Map<string, string>();
      for (const [language, catalogue] of catalogues) {
        const text = catalogue[key];
        if (text === undefined) {
          problems.push(`${where}/${language}.json: missing key "${key}"`);
          continue;
        }
        if (typeof text !== 'string') {
          problems.push(`${where}/${language}.json: "${key}" is not a string`);
          continue;
        }
        try {
          const elements = parse(text, { ignoreTag: true });
          argumentsByLanguage.set(language, [...argumentNames(elements)].sort().join(', '));
          const words = literals(elements).join(' ');
          for (const { avoid, use } of GLOSSARY[language] ?? []) {
            const found = avoid.exec(words)?.[0];
            if (found) problems.push(`${where}/${language}.json: "${key}" says "${found}"; say "${use}"`);
          }
        } catch (error) {
          problems.push(`${where}/${language}.json: "${key}" is not ICU MessageFormat (${(error as Error).message})`);
        }
      }
      if (new Set(argumentsByLanguage.values()).size > 1) {
        const listed = [...argumentsByLanguage].map(([language, names]) => `${language}: {${names}}`).join('; ');
        problems.push(`${where}: "${key}" names different placeholders per language (${listed})`);
      }
      if (
        !sources.some((text) => text.includes(`'${key}'`) || text.includes(`"${key}"`) || text.includes(`\`${key}\``))
      ) {
        problems.push(`${where}: "${key}" is not used in ${relative(root, join(folder, '..')) || '.'}`);
      }
    }
  }
  return problems;
}

/** Folders named `i18n` directly under a `src` folder. */
export function catalogueFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      // A workspace's catalogue, or common's browser-safe one (common/src/contracts/i18n).
      if (entry.name === 'i18n' && (dir.endsWith(`${'/'}src`) || dir.endsWith(`${'/'}src/contracts`))) found.push(path);
      else walk(path);
    }
  };
  walk(root);
  return found.sort();
}

function sourceTexts(srcFolder: string): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIP.has(entry.name)) walk(path);
      else if (entry.isFile() && SOURCE.test(entry.name)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(srcFolder);
  return texts;
}

/** The message's own words: its literal text, in every branch, without placeholder names. */
function literals(elements: MessageFormatElement[], found: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) found.push(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) literals(option.value, found);
    }
    if ('children' in element) literals(element.children, found);
  }
  return found;
}

function argumentNames(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.tag) names.add(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) argumentNames(option.value, names);
    }
    if ('children' in element) argumentNames(element.children, names);
  }
  return names;
}
