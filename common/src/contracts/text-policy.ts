import type { CommonMessageKey } from './i18n/common-messages.ts';

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

/** A reason text breaks the policy: a key of `commonMessages`. */
export type TextPolicyKey = Extract<CommonMessageKey, `text.${string}`>;

export interface TextPolicyOptions {
  /** Tab, newline and carriage return allowed (descriptions, code). */
  multiline?: boolean;
}

/**
 * Why `text` breaks the policy, as the key of a field message in common's catalogue
 * (`commonMessages`, English and Portuguese); null when it is fine.
 */
export function textPolicyViolation(text: string, options: TextPolicyOptions = {}): TextPolicyKey | null {
  const unstorable = unstorableText(text);
  if (unstorable) return unstorable;
  if (!(options.multiline ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(text)) return null;
  return options.multiline ? 'text.control_multiline' : 'text.control';
}

/**
 * The part of the policy that holds for every string a request carries, field
 * or not (query strings, passwords, ids): no NUL, no unpaired surrogate, no
 * noncharacter. Checked before any schema, so no such string reaches a query.
 */
export function unstorableText(text: string): TextPolicyKey | null {
  if (!text.isWellFormed()) return 'text.unpaired_surrogates';
  if (text.includes('\u0000')) return 'text.nul';
  if (NONCHARACTER.test(text)) return 'text.noncharacters';
  return null;
}
