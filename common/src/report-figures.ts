import type { SearchablePoc } from './contracts/poc.ts';
import { type PocStatus, PocStatuses } from './contracts/vocabularies.ts';
import { monthOf, monthsBetween, pocDate } from './poc-date.ts';

/**
 * The one definition of every report figure. The media worker's PDF, CSV and
 * JSON reports and the platform's analytics endpoint all call
 * `computeReportFigures`, so a figure means the same wherever it is shown.
 *
 * Definitions (printed as the PDF's footnotes):
 * - **In the report**: a POC whose date — when it started, else when it was
 *   registered — falls in [from, to) (UTC calendar days), after the owner,
 *   language and tag filters.
 * - **Started**: status `active` or `done`, or `archived` with a start date.
 *   A `done` POC counts as started even when its start date is empty.
 * - **Finished**: status `done`, whether or not its finish date is set. In the
 *   monthly series it counts in the month of its finish date, else in the month
 *   of its own date; a finish date outside the period counts in the total only.
 * - **Members**: everyone in the team when the report is made; **owners**: the
 *   distinct people (former members included) who own a POC in the report.
 * - Funnel rates are shares of the POCs in the report (0 when there are none).
 */

/** A tenant member as the platform lists them for reports. */
export interface ReportMember {
  id: string;
  name: string;
}

export interface Count {
  name: string;
  count: number;
}

export interface MemberCount {
  memberId: string;
  name: string;
  count: number;
  /** Finished POCs (status done) among them. */
  done: number;
}

export const FunnelStages = ['registered', 'started', 'finished'] as const;
export type FunnelStage = (typeof FunnelStages)[number];

export interface FunnelStep {
  stage: FunnelStage;
  /** POCs that reached this stage (see the definitions above). */
  reached: number;
  /** reached ÷ POCs in the report, 0–1 (0 when there are none). */
  rate: number;
}

export interface MonthFlow {
  /** `YYYY-MM`. */
  month: string;
  /** POCs whose own date falls in the month. */
  started: number;
  /** Finished POCs counted in the month (finish date, else own date). */
  finished: number;
}

export interface ReportTotals {
  pocs: number;
  /** Team members when the report is made. */
  members: number;
  /** Distinct owners of the report's POCs. */
  owners: number;
  languages: number;
  tags: number;
  started: number;
  /** Same as `finished`: status done. */
  done: number;
}

/** Every figure of a report. */
export interface ReportFigures {
  tenantId: string;
  /** The team's name, when the caller knows it. */
  tenantName: string | null;
  /** Owner filter, null for the whole tenant. */
  userId: string | null;
  /** Display name of the owner filter, when there is one. */
  userName: string | null;
  /** Language and tag filters (case-insensitive), null when not filtered. */
  language: string | null;
  tag: string | null;
  from: string;
  to: string;
  generatedAt: string;
  totals: ReportTotals;
  byLanguage: Count[];
  byTag: Count[];
  topTags: Count[];
  byMonth: { month: string; count: number }[];
  byMember: MemberCount[];
  byStatus: { status: PocStatus; count: number }[];
  funnel: FunnelStep[];
  newVersusFinished: MonthFlow[];
}

export interface ReportScope {
  tenantId: string;
  tenantName?: string | null;
  userId: string | null;
  from: string;
  /** Exclusive end. */
  to: string;
  language?: string | null;
  tag?: string | null;
  generatedAt?: Date;
}

/** How many tags "top tags" lists. */
export const TOP_TAGS = 10;

/** The name a former member (an owner no longer in the member list) is shown with. */
export const FORMER_MEMBER = 'Former member';

/** Counts descending, then by name, so equal counts print in a stable order. */
function sortedCounts(counts: Map<string, Count>): Count[] {
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Counts a label case-insensitively, shown as it was first written. */
function increment(map: Map<string, Count>, label: string): void {
  const key = label.toLocaleLowerCase('en');
  const entry = map.get(key);
  if (entry) entry.count++;
  else map.set(key, { name: label, count: 1 });
}

const sameLabel = (wanted: string) => {
  const key = wanted.toLocaleLowerCase('en');
  return (label: string) => label.toLocaleLowerCase('en') === key;
};

/** Whether a POC counts as started (see the definitions at the top of this file). */
export function isStarted(poc: Pick<SearchablePoc, 'status' | 'startedAt'>): boolean {
  return poc.status === 'active' || poc.status === 'done' || (poc.status === 'archived' && poc.startedAt !== null);
}

/** Whether a POC counts as finished: status done, whatever its finish date. */
export function isFinished(poc: Pick<SearchablePoc, 'status'>): boolean {
  return poc.status === 'done';
}

/** The month a finished POC counts in: its finish date's, else its own date's. */
export function finishedMonth(poc: Pick<SearchablePoc, 'finishedAt' | 'startedAt' | 'createdAt'>): string {
  return monthOf(poc.finishedAt ?? pocDate(poc));
}

/** The POCs of a scope: the date window, then owner, language and tag filters. */
export function pocsInScope(pocs: SearchablePoc[], scope: ReportScope): SearchablePoc[] {
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  const language = scope.language ? sameLabel(scope.language) : null;
  const tag = scope.tag ? sameLabel(scope.tag) : null;
  return pocs.filter((poc) => {
    const at = Date.parse(pocDate(poc).slice(0, 10));
    if (at < from || at >= to) return false;
    if (scope.userId && poc.ownerId !== scope.userId) return false;
    if (language && !poc.languages.some(language)) return false;
    if (tag && !poc.tags.some(tag)) return false;
    return true;
  });
}

/**
 * Computes a report's figures from the POCs of a tenant (any superset of the
 * scope: they are filtered here). Months with no POC still appear, so charts
 * and tables have a continuous time axis.
 */
export function computeReportFigures(
  allPocs: SearchablePoc[],
  members: ReportMember[],
  scope: ReportScope,
): ReportFigures {
  const pocs = pocsInScope(allPocs, scope);
  const months = monthsBetween(new Date(scope.from), new Date(scope.to));
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  const byMonth = months.map((month) => ({ month, count: 0 }));
  const flow: MonthFlow[] = months.map((month) => ({ month, started: 0, finished: 0 }));

  const languages = new Map<string, Count>();
  const tags = new Map<string, Count>();
  const statuses = new Map<PocStatus, number>(PocStatuses.map((status) => [status, 0]));
  const owners = new Map<string, { count: number; done: number }>();
  let done = 0;
  let started = 0;

  for (const poc of pocs) {
    // A POC listed twice by a label (["Go", "go"]) still counts once for it.
    for (const language of uniqueLabels(poc.languages)) increment(languages, language);
    for (const tag of uniqueLabels(poc.tags)) increment(tags, tag);
    statuses.set(poc.status, (statuses.get(poc.status) ?? 0) + 1);
    const finished = isFinished(poc);
    if (finished) done++;
    if (isStarted(poc)) started++;
    const owner = owners.get(poc.ownerId) ?? { count: 0, done: 0 };
    owner.count++;
    if (finished) owner.done++;
    owners.set(poc.ownerId, owner);

    const index = monthIndex.get(monthOf(pocDate(poc)));
    if (index !== undefined) {
      byMonth[index].count++;
      flow[index].started++;
    }
    if (finished) {
      const finishedIndex = monthIndex.get(finishedMonth(poc));
      if (finishedIndex !== undefined) flow[finishedIndex].finished++;
    }
  }

  const names = new Map(members.map((member) => [member.id, member.name]));
  const byMember = [...owners]
    .map(([memberId, figures]) => ({ memberId, name: names.get(memberId) ?? FORMER_MEMBER, ...figures }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));

  const total = pocs.length;
  const rate = (reached: number) => (total === 0 ? 0 : reached / total);
  const byTag = sortedCounts(tags);

  return {
    tenantId: scope.tenantId,
    tenantName: scope.tenantName ?? null,
    userId: scope.userId,
    userName: scope.userId ? (names.get(scope.userId) ?? null) : null,
    language: scope.language ?? null,
    tag: scope.tag ?? null,
    from: scope.from,
    to: scope.to,
    generatedAt: (scope.generatedAt ?? new Date()).toISOString(),
    totals: {
      pocs: total,
      members: members.length,
      owners: owners.size,
      languages: languages.size,
      tags: tags.size,
      started,
      done,
    },
    byLanguage: sortedCounts(languages),
    byTag,
    topTags: byTag.slice(0, TOP_TAGS),
    byMonth,
    byMember,
    byStatus: PocStatuses.map((status) => ({ status, count: statuses.get(status) ?? 0 })),
    funnel: [
      { stage: 'registered', reached: total, rate: rate(total) },
      { stage: 'started', reached: started, rate: rate(started) },
      { stage: 'finished', reached: done, rate: rate(done) },
    ],
    newVersusFinished: flow,
  };
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = label.toLocaleLowerCase('en');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
