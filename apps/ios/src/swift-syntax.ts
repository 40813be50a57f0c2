/**
 * Parses Swift with tree-sitter (the Swift grammar compiled to WebAssembly, run by
 * web-tree-sitter) and reports every syntax error with its file position.
 *
 * No Swift compiler exists on the machines that run CI, so this is the check that
 * catches a syntax error in `apps/ios/**\/*.swift`. It proves that files parse; it
 * proves nothing about types, names or imports (see apps/ios/README.md).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Language, type Node, Parser } from 'web-tree-sitter';
import { swiftGrammarWasm } from './swift-grammar.ts';

/** One place where the grammar could not make sense of the text. */
export interface SyntaxProblem {
  /** 1-based line and column of the first character tree-sitter could not place. */
  line: number;
  column: number;
  /** `error` (unexpected text) or `missing` (tree-sitter had to invent a token, named in `token`). */
  kind: 'error' | 'missing';
  token: string;
  /** The start of the offending text, for the message. */
  excerpt: string;
}

let swift: Promise<Language> | undefined;

async function loadSwift(): Promise<Language> {
  await Parser.init();
  return Language.load(await swiftGrammarWasm());
}

/**
 * A new parser over the shared grammar (loading it takes a moment; parsers are cheap).
 * One parser per text, so no scanner state (an unterminated raw string, say) leaks from
 * one file into the next.
 */
export async function swiftParser(): Promise<Parser> {
  swift ??= loadSwift();
  const language = await swift;
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function collect(node: Node, problems: SyntaxProblem[]): void {
  if (node.isError || node.isMissing) {
    problems.push({
      line: node.startPosition.row + 1,
      column: node.startPosition.column + 1,
      kind: node.isMissing ? 'missing' : 'error',
      token: node.type,
      excerpt: node.text.slice(0, 60).replaceAll('\n', '⏎'),
    });
    // Inside an ERROR node every child is suspect; the outermost position is the useful one.
    if (node.isError) return;
  }
  for (const child of node.children) if (child) collect(child, problems);
}

/** Syntax problems of one Swift source text; empty when it parses cleanly. */
export async function swiftSyntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const parser = await swiftParser();
  const tree = parser.parse(source);
  try {
    if (!tree) throw new Error('tree-sitter returned no tree');
    const problems: SyntaxProblem[] = [];
    if (tree.rootNode.hasError) collect(tree.rootNode, problems);
    return problems;
  } finally {
    tree?.delete();
    parser.delete();
  }
}

/** Every `.swift` file under `dir` (skipping build output and checkouts), sorted. */
export async function swiftFiles(dir: string): Promise<string[]> {
  const skip = new Set(['.build', '.swiftpm', 'DerivedData', 'node_modules', 'build']);
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await swiftFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.swift')) found.push(path);
  }
  return found.sort();
}

/** `file:line:column: message` lines for every problem of every Swift file under `dir`. */
export async function checkSwiftTree(dir: string, root = dir): Promise<{ files: number; report: string[] }> {
  const files = await swiftFiles(dir);
  const report: string[] = [];
  for (const file of files) {
    for (const p of await swiftSyntaxProblems(await readFile(file, 'utf8'))) {
      const what = p.kind === 'missing' ? `missing ${p.token}` : `syntax error near "${p.excerpt}"`;
      report.push(`${relative(root, file)}:${p.line}:${p.column}: ${what}`);
    }
  }
  return { files: files.length, report };
}
