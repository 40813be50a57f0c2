import type { SearchablePoc } from '@pocdojo/common/events';
import { byPocDate, monthLabel, monthOf, pocDate } from '../domain/poc-date.ts';

/** What one card of the yearly video shows; `cards.ts` draws it. */
export type Card =
  | {
      kind: 'intro';
      member: string;
      year: number;
      pocs: number;
      done: number;
      languages: number;
      topLanguages: string[];
    }
  | {
      kind: 'poc';
      index: number;
      of: number;
      name: string;
      month: string;
      languages: string[];
      tags: string[];
      description: string;
      status: string;
    }
  | {
      kind: 'closing';
      member: string;
      year: number;
      pocs: number;
      done: number;
      busiestMonth: string | null;
      topTags: string[];
      omitted: number;
    }
  | { kind: 'empty'; member: string; year: number };

export interface Storyboard {
  cards: Card[];
  /** POCs shown as cards (after the cap). */
  shown: number;
}

function top(values: string[][], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of values) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value]) => value);
}

/** The first line (or sentence) of a description, for a one-line caption. */
export function firstLine(description: string): string {
  const line = description.trim().split(/\r?\n/)[0] ?? '';
  return line.replace(/\s+/g, ' ');
}

/**
 * The cards of a member's year: intro, one per POC in date order, closing.
 * An empty year gives a short friendly video (one card) rather than an error.
 * Beyond `maxPocs` the earliest are kept and the closing card says how many more.
 */
export function buildStoryboard(pocs: SearchablePoc[], member: string, year: number, maxPocs: number): Storyboard {
  if (pocs.length === 0) return { cards: [{ kind: 'empty', member, year }], shown: 0 };
  const ordered = [...pocs].sort(byPocDate);
  const shown = ordered.slice(0, maxPocs);
  const done = ordered.filter((poc) => poc.status === 'done').length;
  const months = new Map<string, number>();
  for (const poc of ordered) {
    const month = monthOf(pocDate(poc));
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  const busiest = [...months].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const cards: Card[] = [
    {
      kind: 'intro',
      member,
      year,
      pocs: ordered.length,
      done,
      languages: new Set(ordered.flatMap((poc) => poc.languages)).size,
      topLanguages: top(
        ordered.map((poc) => poc.languages),
        3,
      ),
    },
    ...shown.map(
      (poc, index): Card => ({
        kind: 'poc',
        index: index + 1,
        of: ordered.length,
        name: poc.name,
        month: monthLabel(monthOf(pocDate(poc))),
        languages: poc.languages,
        tags: poc.tags,
        description: firstLine(poc.description),
        status: poc.status,
      }),
    ),
    {
      kind: 'closing',
      member,
      year,
      pocs: ordered.length,
      done,
      busiestMonth: busiest ? monthLabel(busiest[0]) : null,
      topTags: top(
        ordered.map((poc) => poc.tags),
        3,
      ),
      omitted: ordered.length - shown.length,
    },
  ];
  return { cards, shown: shown.length };
}
