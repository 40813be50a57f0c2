import { strToU8, zipSync } from 'fflate';
import { type Language, languageConventions } from '../katas/language.ts';
import type { DojoOutcome } from './dojo-outcome.ts';

/** Traffic lights listed one by one in the description; more are counted, not listed. */
const LISTED_RUNS = 100;
const lightWords = { red: 'red', amber: 'amber', green: 'green' } as const;
const lightDots = { red: '🔴', amber: '🟠', green: '🟢' } as const;

export interface DojoForPoc {
  title: string;
  language: Language;
  startedAt: Date;
  endedAt: Date | null;
}

export interface KataForPoc {
  title: string;
  summary: string;
  tags: string[];
}

/**
 * The POC a finished dojo becomes: named after the dojo, described by the
 * kata, its language and tags the kata's, and the session's traffic-light
 * history and participants written into the description (so search finds them).
 */
export function dojoPocFields(dojo: DojoForPoc, kata: KataForPoc | null, outcome: DojoOutcome) {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const time = (iso: string) => iso.slice(11, 16);
  const language = languageConventions[dojo.language].label;
  const lines: string[] = [];
  if (kata) lines.push(`${kata.summary}`, '');
  lines.push(
    `Dojo "${dojo.title}" on ${day(dojo.startedAt)}${kata ? `, kata ${kata.title}` : ''}, in ${language}.`,
    '',
    `Participants: ${outcome.participants.map((p) => p.name).join(', ') || 'nobody joined'}.`,
    '',
  );
  if (outcome.runs.length === 0) lines.push('Traffic lights: the tests were never run.');
  else {
    lines.push(
      `Traffic lights (${outcome.runs.length} run${outcome.runs.length === 1 ? '' : 's'}): ${outcome.runs
        .map((run) => lightDots[run.colour])
        .join('')}`,
    );
    for (const run of outcome.runs.slice(0, LISTED_RUNS)) {
      const who = run.name ? ` by ${run.name}` : '';
      lines.push(`- ${time(run.at)} ${lightWords[run.colour]}${who}${run.summary ? `: ${run.summary}` : ''}`);
    }
    if (outcome.runs.length > LISTED_RUNS) lines.push(`- … and ${outcome.runs.length - LISTED_RUNS} more`);
  }
  lines.push('', 'The final files are attached as a zip.');
  return {
    name: dojo.title,
    description: lines.join('\n').slice(0, 10_000),
    languages: [language],
    tags: [...(kata?.tags ?? []), 'dojo'],
    startedAt: day(dojo.startedAt),
    finishedAt: day(dojo.endedAt ?? new Date()),
  };
}

/** The final files as a zip, paths kept (the engine's document-shape rules already refuse unsafe ones). */
export function zipFiles(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

/** A file name for the zip: the dojo title reduced to safe characters. */
export const zipName = (title: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'dojo'
  }.zip`;
