/**
 * The one policy for text that PocDojo stores or relays, whatever the field:
 * Postgres refuses NUL (a 500 when it reaches an insert), JSON and SQS cannot
 * carry lone surrogates, SQS refuses the noncharacters U+FFFE/U+FFFF (and the
 * other 64 noncharacters mean nothing in interchange), and control characters
 * hide text or break terminals and logs. Tab, newline and carriage return are
 * allowed only in multi-line text (descriptions, code).
 */

/** C0/C1 controls except tab, LF, CR: multi-line text. */
const CONTROL_EXCEPT_NEWLINES = /[^\P{Cc}\t\n\r]/u;
/** Any control character at all: single-line text. */
const CONTROL = /\p{Cc}/u;
/** The 66 Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. */
const NONCHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

export interface TextPolicyOptions {
  /** Tab, newline and carriage return allowed (descriptions, code). */
  multiline?: boolean;
}

/** Why `text` breaks the policy, as a message for a field error; null when it is fine. */
export function textPolicyViolation(text: string, options: TextPolicyOptions = {}): string | null {
  const unstorable = unstorableText(text);
  if (unstorable) return unstorable;
  if (!(options.multiline ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(text)) return null;
  return options.multiline
    ? 'must not contain control characters other than tab and line breaks'
    : 'must not contain control characters';
}

/**
 * The part of the policy that holds for every string a request carries, field
 * or not (query strings, passwords, ids): no NUL, no unpaired surrogate, no
 * noncharacter. Checked before any schema, so no such string reaches a query.
 */
export function unstorableText(text: string): string | null {
  if (!text.isWellFormed()) return 'must not contain unpaired surrogates (invalid Unicode)';
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (NONCHARACTER.test(text)) return 'must not contain Unicode noncharacters (such as U+FFFF)';
  return null;
}
