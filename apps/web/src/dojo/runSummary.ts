import type { RunColour } from '@pocdojo/common/dojo-protocol/index';
import type { Words } from '../lib/words.ts';

/** What a finished run said, as the room broadcasts it and the history and replay keep it. */
export interface RunVerdict {
  colour: RunColour;
  reason: string | null;
  /** The runner's one line: "2 failed, 3 passed" for red and green, the cause for amber. */
  summary: string;
}

/**
 * The counts in a red or green run's summary, which the kata runner writes in one fixed shape
 * (`countsSummary`: "2 failed, 3 passed, 1 skipped", "no test ran"); null for any other text.
 */
export function runCounts(summary: string): { failed: number; passed: number; skipped: number } | null {
  if (summary === 'no test ran') return { failed: 0, passed: 0, skipped: 0 };
  const counts = { failed: 0, passed: 0, skipped: 0 };
  for (const part of summary.split(', ')) {
    const match = /^(\d+) (failed|passed|skipped)$/.exec(part);
    if (!match) return null;
    counts[match[2] as keyof typeof counts] = Number(match[1]);
  }
  return counts;
}

/** The light's name: "Green", "Verde". */
export function colourName(colour: RunColour, { t }: Words): string {
  return t('dojo.run.colour', { colour });
}

/**
 * The verdict in the member's language: the counts for red and green ("2 falharam e 3 passaram"),
 * the reason for amber ("não compila"); the runner's own words when they have another shape.
 */
export function verdictText(run: RunVerdict, words: Words): string {
  const { t, locale } = words;
  // ICU selectors cannot hold '-': the runner's 'compile-error' is the catalogue's compile_error.
  if (run.colour === 'amber' && run.reason) return t('dojo.run.reason', { reason: run.reason.replaceAll('-', '_') });
  const counts = runCounts(run.summary);
  if (!counts) return run.summary;
  const parts = [
    counts.failed ? t('dojo.run.failed', { count: counts.failed }) : '',
    counts.passed ? t('dojo.run.passed', { count: counts.passed }) : '',
    counts.skipped ? t('dojo.run.skipped', { count: counts.skipped }) : '',
  ].filter(Boolean);
  return parts.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts) : t('dojo.run.none_ran');
}
