import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { byPocDate, monthOf, pocDate } from '@pocdojo/common/poc-date';
import { computeReportFigures, isFinished } from '@pocdojo/common/report-figures';
import type { DojoParticipation } from '../domain/dojo-source.ts';
import { statusKeys } from '../i18n/labels.ts';
import type { Reader } from '../i18n/reader.ts';

/** A bar of an animated chart: its label (already localized) and value. */
export interface Bar {
  label: string;
  value: number;
}

/** One POC on a POC grid card. */
export interface PocTile {
  name: string;
  month: string;
  status: string;
  done: boolean;
  languages: string[];
}

/** One dojo on the dojos card: its traffic lights are the test runs' colours, in order. */
export interface DojoTile {
  name: string;
  day: string;
  runs: string;
  lights: ('red' | 'amber' | 'green')[];
}

/**
 * What one card of the yearly video shows, every text already in the reader's
 * language: this is the render plan the tests read. `cards.ts` draws it;
 * `animated` cards are drawn frame by frame while their bars grow.
 */
export type Card =
  | { kind: 'intro'; title: string; subtitle: string; stats: string }
  | { kind: 'rhythm'; title: string; caption: string; bars: Bar[]; animated: true }
  | { kind: 'ranking'; title: string; bars: Bar[]; animated: true }
  | { kind: 'pocs'; title: string; page: string; tiles: PocTile[]; more: string | null }
  | { kind: 'dojos'; title: string; dojos: DojoTile[]; none: string | null }
  | { kind: 'closing'; title: string; stats: string; team: string }
  | { kind: 'empty'; title: string; subtitle: string };

export interface Storyboard {
  cards: Card[];
  /** POCs shown on POC cards (after the cap). */
  shown: number;
}

export interface StoryInput {
  pocs: SearchablePoc[];
  member: string;
  team: string | null;
  year: number;
  /** POCs shown at most; the last POC card says how many more. */
  maxPocs: number;
  /** The dojos the member joined; null when unknown (the dojos card is left out). */
  dojos: DojoParticipation[] | null;
  reader: Reader;
}

/** POCs per grid card: readable on a phone, and 50 POCs fit in a few seconds. */
export const POCS_PER_CARD = 6;
/** Bars in the languages and tags charts. */
export const TOP_BARS = 5;
/** Dojos listed on the dojos card. */
export const MAX_DOJOS = 6;

/**
 * The cards of a member's year: who and what, the monthly rhythm, top
 * languages and tags (animated charts), their POCs on grid cards, the dojos
 * they joined with their traffic lights, and a closing card with the team.
 * Figures come from the shared report figures, so the video and the report agree.
 * An empty year gives one friendly card rather than an error.
 */
export function buildStoryboard(input: StoryInput): Storyboard {
  const { reader, member, year } = input;
  const { t } = reader;
  const team = input.team ?? 'PocDojo';
  const dojos = input.dojos;
  if (input.pocs.length === 0 && !dojos?.length) {
    return {
      cards: [
        {
          kind: 'empty',
          title: t('video.empty.title', { year }),
          subtitle: t('video.empty.subtitle', { name: member }),
        },
      ],
      shown: 0,
    };
  }
  const figures = computeReportFigures(input.pocs, [], {
    tenantId: '',
    userId: null,
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
  });
  const ordered = input.pocs.filter((poc) => monthOf(pocDate(poc)).startsWith(String(year))).sort(byPocDate);
  const shown = ordered.slice(0, Math.max(0, input.maxPocs));
  const busiest = [...figures.byMonth].sort((a, b) => b.count - a.count || a.month.localeCompare(b.month))[0];

  const cards: Card[] = [
    {
      kind: 'intro',
      title: t('video.intro.title', { name: member }),
      subtitle: t('video.intro.subtitle', { year, team }),
      stats: t('video.intro.stats', {
        pocs: figures.totals.pocs,
        finished: figures.totals.done,
        languages: figures.totals.languages,
      }),
    },
  ];
  if (figures.totals.pocs > 0) {
    cards.push({
      kind: 'rhythm',
      title: t('video.rhythm.title'),
      caption: busiest ? t('video.rhythm.busiest', { month: reader.month(busiest.month) }) : '',
      bars: figures.byMonth.map((m) => ({ label: reader.shortMonth(m.month), value: m.count })),
      animated: true,
    });
  }
  if (figures.byLanguage.length) {
    cards.push({
      kind: 'ranking',
      title: t('video.languages.title'),
      bars: figures.byLanguage.slice(0, TOP_BARS).map((c) => ({ label: c.name, value: c.count })),
      animated: true,
    });
  }
  if (figures.byTag.length) {
    cards.push({
      kind: 'ranking',
      title: t('video.tags.title'),
      bars: figures.byTag.slice(0, TOP_BARS).map((c) => ({ label: `#${c.name}`, value: c.count })),
      animated: true,
    });
  }
  const pages = Math.ceil(shown.length / POCS_PER_CARD);
  for (let page = 0; page < pages; page++) {
    const slice = shown.slice(page * POCS_PER_CARD, (page + 1) * POCS_PER_CARD);
    const last = page === pages - 1;
    cards.push({
      kind: 'pocs',
      title: t('video.pocs.title'),
      page: `${page + 1} / ${pages}`,
      tiles: slice.map((poc) => ({
        name: poc.name,
        month: reader.month(monthOf(pocDate(poc))),
        status: t(statusKeys[poc.status]),
        done: isFinished(poc),
        languages: poc.languages.slice(0, 3),
      })),
      more:
        last && ordered.length > shown.length ? t('video.pocs.more', { count: ordered.length - shown.length }) : null,
    });
  }
  if (dojos) {
    cards.push({
      kind: 'dojos',
      title: t('video.dojos.title'),
      dojos: dojos.slice(0, MAX_DOJOS).map((dojo) => ({
        name: dojo.name,
        day: reader.day(dojo.joinedAt),
        runs: t('video.dojos.runs', { runs: dojo.runs.length }),
        lights: dojo.runs.slice(-12),
      })),
      none: dojos.length ? null : t('video.dojos.none'),
    });
  }
  cards.push({
    kind: 'closing',
    title: t('video.closing.title', { name: member }),
    stats: t('video.closing.stats', { pocs: figures.totals.pocs, finished: figures.totals.done }),
    team: t('video.closing.team', { team }),
  });
  return { cards, shown: shown.length };
}

/** Every text a card shows, in reading order: what the tests compare across languages. */
export function cardTexts(card: Card): string[] {
  switch (card.kind) {
    case 'intro':
      return [card.title, card.subtitle, card.stats];
    case 'rhythm':
      return [card.title, card.caption, ...card.bars.map((bar) => bar.label)];
    case 'ranking':
      return [card.title, ...card.bars.map((bar) => bar.label)];
    case 'pocs':
      return [card.title, ...card.tiles.flatMap((tile) => [tile.name, tile.month, tile.status]), card.more ?? ''];
    case 'dojos':
      return [card.title, ...card.dojos.flatMap((dojo) => [dojo.name, dojo.day, dojo.runs]), card.none ?? ''];
    case 'closing':
      return [card.title, card.stats, card.team];
    case 'empty':
      return [card.title, card.subtitle];
  }
}
