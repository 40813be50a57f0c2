/**
 * Reads Android string resources and the keys the app's code uses, so a test can
 * hold English and Brazilian Portuguese to the same keys (no Android SDK here to
 * run lint's MissingTranslation).
 */
import { XMLParser } from 'fast-xml-parser';

/** One `<string>` or `<plurals>` entry: its format placeholders (`%1$s`, `%d`) and plural quantities. */
export interface StringEntry {
  kind: 'string' | 'plurals';
  placeholders: string[];
  quantities: string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'string' || name === 'plurals' || name === 'item',
  textNodeName: 'text',
  commentPropName: false,
});

type Node = { name: string; text?: string | number; item?: Array<{ quantity: string; text?: string | number }> };

const placeholders = (text: string) => [...text.matchAll(/%(?:\d+\$)?[sd]/g)].map((m) => m[0]).sort();

/** The entries of a `strings.xml`, by key. A key defined twice is an error. */
export function readCatalogue(xml: string): Map<string, StringEntry> {
  const resources = (parser.parse(xml) as { resources?: { string?: Node[]; plurals?: Node[] } }).resources ?? {};
  const entries = new Map<string, StringEntry>();
  const add = (key: string, entry: StringEntry) => {
    if (entries.has(key)) throw new Error(`string "${key}" is defined twice`);
    entries.set(key, entry);
  };
  for (const s of resources.string ?? []) {
    add(s.name, { kind: 'string', placeholders: placeholders(String(s.text ?? '')), quantities: [] });
  }
  for (const p of resources.plurals ?? []) {
    const items = p.item ?? [];
    add(p.name, {
      kind: 'plurals',
      placeholders: [...new Set(items.flatMap((i) => placeholders(String(i.text ?? ''))))].sort(),
      quantities: items.map((i) => i.quantity).sort(),
    });
  }
  return entries;
}

/** Keys used by Kotlin code (`R.string.x`, `R.plurals.x`) and by XML (`@string/x`). */
export function usedKeys(source: string): Set<string> {
  const keys = new Set<string>();
  for (const m of source.matchAll(/\bR\.(?:string|plurals)\.(\w+)/g)) keys.add(m[1]);
  for (const m of source.matchAll(/@(?:string|plurals)\/(\w+)/g)) keys.add(m[1]);
  return keys;
}

/** What differs between two catalogues and the code: empty when all is well. */
export function compareCatalogues(
  english: Map<string, StringEntry>,
  portuguese: Map<string, StringEntry>,
  used: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const key of english.keys()) if (!portuguese.has(key)) problems.push(`"${key}" is missing in pt-BR`);
  for (const key of portuguese.keys()) if (!english.has(key)) problems.push(`"${key}" is missing in English`);
  for (const [key, en] of english) {
    const pt = portuguese.get(key);
    if (!pt) continue;
    if (en.kind !== pt.kind) problems.push(`"${key}" is a ${en.kind} in English but a ${pt.kind} in pt-BR`);
    if (en.placeholders.join() !== pt.placeholders.join()) {
      problems.push(
        `"${key}" has placeholders ${en.placeholders.join(' ')} in English but ${pt.placeholders.join(' ')} in pt-BR`,
      );
    }
    if (!pt.quantities.includes('other') && pt.kind === 'plurals') problems.push(`"${key}" has no "other" in pt-BR`);
  }
  for (const key of used) if (!english.has(key)) problems.push(`"${key}" is used in code but not defined`);
  for (const key of english.keys()) if (!used.has(key)) problems.push(`"${key}" is defined but never used`);
  return problems;
}
