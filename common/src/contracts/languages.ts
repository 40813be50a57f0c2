/**
 * The programming-language catalogue: one canonical spelling per language and
 * the other names people type for it. platform-api stores the canonical
 * spelling ("golang" → "Go", "ts" → "TypeScript", "c#" → "C#"), the web app
 * suggests these names, and both search engines treat the aliases as
 * synonyms. A language that is not in the catalogue is kept as written.
 */
export interface Language {
  /** How the language is displayed and stored. */
  readonly name: string;
  /** Other spellings, compared case-insensitively. */
  readonly aliases: readonly string[];
}

export const Languages: readonly Language[] = [
  { name: 'Assembly', aliases: ['asm'] },
  { name: 'C', aliases: [] },
  { name: 'C#', aliases: ['csharp', 'c sharp'] },
  { name: 'C++', aliases: ['cpp', 'cplusplus'] },
  { name: 'Clojure', aliases: ['clj'] },
  { name: 'COBOL', aliases: [] },
  { name: 'CSS', aliases: [] },
  { name: 'Dart', aliases: [] },
  { name: 'Delphi', aliases: ['pascal', 'object pascal'] },
  { name: 'Elixir', aliases: [] },
  { name: 'Elm', aliases: [] },
  { name: 'Erlang', aliases: [] },
  { name: 'F#', aliases: ['fsharp'] },
  { name: 'Fortran', aliases: [] },
  { name: 'Go', aliases: ['golang'] },
  { name: 'Groovy', aliases: [] },
  { name: 'Haskell', aliases: ['hs'] },
  { name: 'HTML', aliases: [] },
  { name: 'Java', aliases: [] },
  { name: 'JavaScript', aliases: ['js', 'ecmascript'] },
  { name: 'Julia', aliases: [] },
  { name: 'Kotlin', aliases: ['kt'] },
  { name: 'Lua', aliases: [] },
  { name: 'MATLAB', aliases: [] },
  { name: 'Objective-C', aliases: ['objc', 'obj-c'] },
  { name: 'OCaml', aliases: [] },
  { name: 'Perl', aliases: [] },
  { name: 'PHP', aliases: [] },
  { name: 'PowerShell', aliases: ['pwsh', 'ps1'] },
  { name: 'Python', aliases: ['py', 'python3'] },
  { name: 'R', aliases: ['rlang'] },
  { name: 'Ruby', aliases: ['rb'] },
  { name: 'Rust', aliases: [] },
  { name: 'Scala', aliases: [] },
  { name: 'Shell', aliases: ['bash', 'sh', 'zsh', 'shell script'] },
  { name: 'Solidity', aliases: [] },
  { name: 'SQL', aliases: ['plpgsql', 'pl/pgsql'] },
  { name: 'Swift', aliases: [] },
  { name: 'Terraform', aliases: ['hcl'] },
  { name: 'TypeScript', aliases: ['ts'] },
  { name: 'Visual Basic', aliases: ['vb', 'vb.net'] },
  { name: 'WebAssembly', aliases: ['wasm'] },
  { name: 'Zig', aliases: [] },
];

/** Lower-cased, trimmed, inner whitespace collapsed: how two spellings are compared. */
export const labelKey = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase();

const byKey = new Map<string, Language>();
for (const language of Languages) {
  byKey.set(labelKey(language.name), language);
  for (const alias of language.aliases) byKey.set(labelKey(alias), language);
}

/** The catalogue entry `input` names (by name or alias, any case), if any. */
export const findLanguage = (input: string): Language | undefined => byKey.get(labelKey(input));

/** The canonical spelling of a language: "golang" → "Go", "c#" → "C#"; unknown names trimmed, as written. */
export const canonicalLanguage = (input: string): string =>
  findLanguage(input)?.name ?? input.trim().replace(/\s+/g, ' ');

/**
 * Search synonyms, Meilisearch's `synonyms` setting shape: each single-word
 * alias and its language's name point at each other, so "golang" finds "Go"
 * and "go" finds a description that says "golang".
 */
export function languageSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (from: string, to: string) => {
    const list = out[from] ?? [];
    if (!list.includes(to)) out[from] = [...list, to];
  };
  for (const { name, aliases } of Languages) {
    for (const alias of aliases) {
      if (/\s/.test(alias)) continue;
      add(alias.toLowerCase(), name.toLowerCase());
      add(name.toLowerCase(), alias.toLowerCase());
    }
  }
  return out;
}
