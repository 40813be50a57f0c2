import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';
import { CATALOGUE_PARTS, type CataloguePart, partOf } from '../src/i18n/catalogueParts.ts';

const PREFIX = 'virtual:messages/';
const LANGUAGES = ['en', 'pt-BR'];
const catalogueDir = join(import.meta.dirname, '..', 'src', 'i18n');

/**
 * Serves `virtual:messages/<locale>/<part>`: the keys of `src/i18n/<locale>.json`
 * that belong to `part` (see src/i18n/catalogueParts.ts), as a module of its
 * own, so each language and part becomes its own chunk. Messages arrive parsed:
 * plain text as its string, anything with ICU syntax as its syntax tree, so the
 * browser needs no ICU parser (the build aliases it to formatjs's `no-parser`).
 */
export function catalogueParts(): Plugin {
  return {
    name: 'pocdojo-catalogue-parts',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const [locale, part] = id.slice(PREFIX.length + 1).split('/');
      if (!locale || !LANGUAGES.includes(locale) || !CATALOGUE_PARTS.includes(part as CataloguePart))
        throw new Error(
          `no catalogue part ${id.slice(1)}: languages ${LANGUAGES.join(', ')}, parts ${CATALOGUE_PARTS.join(', ')}`,
        );
      const file = join(catalogueDir, `${locale}.json`);
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const picked = Object.fromEntries(
        Object.entries(all)
          .filter(([key]) => partOf(key) === part)
          .map(([key, text]) => [key, compile(text)]),
      );
      // JSON.parse of a string literal parses faster than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(picked))});`;
    },
  };
}

/** A message as the browser gets it: the text itself when it is plain, else its ICU syntax tree. */
function compile(text: string): string | ReturnType<typeof parse> {
  const tree = parse(text, { ignoreTag: true });
  if (tree.length === 0) return '';
  if (tree.length === 1 && tree[0]!.type === TYPE.literal) return tree[0]!.value;
  return tree;
}
