/**
 * Builds Meilisearch filter expressions from user values. Every value is a
 * double-quoted string literal with `\` and `"` escaped, so a value can never
 * close the literal and add its own clause (`x" OR tenantId != "…`).
 */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `attribute = "value"`. */
export function equals(attribute: string, value: string): string {
  return `${attribute} = ${quote(value)}`;
}

/** Any of `values` (an OR group in Meilisearch's array syntax), or nothing when `values` is empty. */
export function anyOf(attribute: string, values: string[]): string[][] {
  return values.length === 0 ? [] : [values.map((value) => equals(attribute, value))];
}

/** `attribute IN ["a", "b"]` (one of `values`, which must not be empty). */
export function isIn(attribute: string, values: string[]): string {
  return `${attribute} IN [${values.map(quote).join(', ')}]`;
}
