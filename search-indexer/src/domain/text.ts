/**
 * Text analysis shared by indexing, querying and highlighting, so that the
 * embedded engine splits and folds words the way Meilisearch does for Latin
 * scripts: words are runs of letters and digits, compared case- and
 * accent-insensitively.
 */
import { Languages } from '@pocdojo/common/contracts/languages';

/** A word and where it sits in the original text. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// "C#", "F#" and "C++" are words of their own, not "C".
const WORD = /[\p{L}\p{N}]+(?:#|\+\+)?/gu;
const MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, controls included
const ASCII = /^[\u0000-\u007f]*$/;

/** True when `text` is plain ASCII (the fast path of folding and distance). */
export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/** Lower-cases and strips diacritics: "Élan" → "elan". */
export function foldTerm(term: string): string {
  // Fast path: most words are ASCII, where folding is lower-casing (NFKD is the costly part).
  if (ASCII.test(term)) return term.toLowerCase();
  return term.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The words of `text` with their offsets. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    out.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/**
 * Language aliases as synonyms, one way: each single-word alias of the
 * catalogue ("golang", "ts", "csharp") → its language's one-word name ("go",
 * "typescript", "c#"). Applied when indexing and when querying, so either
 * spelling finds the other.
 */
const SYNONYM = new Map<string, string>();
for (const { name, aliases } of Languages) {
  if (/\s/.test(name)) continue;
  for (const alias of aliases) if (!/\s/.test(alias)) SYNONYM.set(foldTerm(alias), foldTerm(name));
}

/** A folded word with language aliases replaced by the language: "golang" → "go". */
export function indexTerm(term: string): string {
  const folded = foldTerm(term);
  return SYNONYM.get(folded) ?? folded;
}

/** The folded words of `text`, aliases replaced, empty ones dropped. */
export function terms(text: string): string[] {
  return tokens(text)
    .map((token) => indexTerm(token.text))
    .filter((term) => term.length > 0);
}
