/**
 * Template tags for the text embedded in kata definitions, so that it can be
 * written indented like the surrounding TypeScript and still come out exactly
 * as a participant expects to see it.
 */

/**
 * Source code in another language. Raw, like `String.raw`: backslashes stay as
 * written, so `"\n"` in a Java or Python literal reaches the starter file
 * unchanged. Dedented; ends with exactly one newline.
 */
export function code(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return dedent(String.raw(strings, ...values));
}

/**
 * Go source. Written here with four-space indentation and turned into tabs,
 * because gofmt indents Go with tabs and editors show tabs poorly in a template.
 */
export function goCode(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return code(strings, ...values).replace(/^(?: {4})+/gm, (indent) => '\t'.repeat(indent.length / 4));
}

/** Markdown prose: escapes are interpreted (write \` for an inline code span), dedented, one final newline. */
export function markdown(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return dedent(strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), ''));
}

/** Drops the first line break and the common indentation of non-blank lines; trims trailing blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\r?\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return `${lines.map((line) => line.slice(common).replace(/[ \t]+$/, '')).join('\n')}\n`;
}
