import type { PocStatus, SearchablePoc } from '@pocdojo/common/events';
import { PocStatuses } from '@pocdojo/common/events';
import { monthOf, monthsBetween, pocDate } from './poc-date.ts';
import type { Member } from './poc-source.ts';

export interface Count {
  name: string;
  count: number;
}

export interface MemberCount {
  memberId: string;
  name: string;
  count: number;
  done: number;
}

export interface FunnelStage {
  stage: 'idea' | 'active' | 'done';
  /** POCs that reached this stage or a later one. */
  reached: number;
  /** reached ÷ POCs in the report, 0–1 (0 when there are none). */
  rate: number;
}

export interface MonthFlow {
  month: string;
  /** POCs whose date (started, else created) falls in the month. */
  started: number;
  /** POCs of the report whose `finishedAt` falls in the month. */
  finished: number;
}

/**
 * Every figure of a report. The PDF, CSV and JSON renderers all print this
 * object, so the three formats cannot disagree.
 */
export interface ReportFigures {
  tenantId: string;
  /** Owner filter, null for the whole tenant. */
  userId: string | null;
  /** Display name of the owner filter, when there is one. */
  userName: string | null;
  from: string;
  to: string;
  generatedAt: string;
  totals: { pocs: number; members: number; languages: number; tags: number; done: number };
  byLanguage: Count[];
  byTag: Count[];
  topTags: Count[];
  byMonth: { month: string; count: number }[];
  byMember: MemberCount[];
  byStatus: { status: PocStatus; count: number }[];
  funnel: FunnelStage[];
  newVersusFinished: MonthFlow[];
}

export interface ReportScope {
  tenantId: string;
  userId: string | null;
  from: string;
  to: string;
  generatedAt?: Date;
}

/** How many tags "top tags" lists. */
export const TOP_TAGS = 10;

/** Counts descending, then by name, so equal counts print in a stable order. */
function sortedCounts(counts: Map<string, number>): Count[] {
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Computes a report's figures from the POCs of its scope (already filtered by
 * the source to [from, to) on the POC date). Months with no POC still appear, so
 * charts and tables have a continuous time axis.
 */
export function computeReportFigures(pocs: SearchablePoc[], members: Member[], scope: ReportScope): ReportFigures {
  const from = new Date(scope.from);
  const to = new Date(scope.to);
  const months = monthsBetween(from, to);
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  const byMonth = months.map((month) => ({ month, count: 0 }));
  const flow: MonthFlow[] = months.map((month) => ({ month, started: 0, finished: 0 }));

  const languages = new Map<string, number>();
  const tags = new Map<string, number>();
  const statuses = new Map<PocStatus, number>(PocStatuses.map((status) => [status, 0]));
  const owners = new Map<string, { count: number; done: number }>();
  let done = 0;
  let reachedActive = 0;

  for (const poc of pocs) {
    // A POC listed twice by a label (["Go", "Go"]) still counts once for it.
    for (const language of new Set(poc.languages)) increment(languages, language);
    for (const tag of new Set(poc.tags)) increment(tags, tag);
    statuses.set(poc.status, (statuses.get(poc.status) ?? 0) + 1);
    const isDone = poc.status === 'done';
    if (isDone) done++;
    // Archived POCs that had started count as having reached "active".
    if (poc.status === 'active' || isDone || (poc.status === 'archived' && poc.startedAt)) reachedActive++;
    const owner = owners.get(poc.ownerId) ?? { count: 0, done: 0 };
    owner.count++;
    if (isDone) owner.done++;
    owners.set(poc.ownerId, owner);

    const index = monthIndex.get(monthOf(pocDate(poc)));
    if (index !== undefined) {
      byMonth[index].count++;
      flow[index].started++;
    }
    if (poc.finishedAt) {
      const finishedIndex = monthIndex.get(monthOf(poc.finishedAt));
      if (finishedIndex !== undefined) flow[finishedIndex].finished++;
    }
  }

  const names = new Map(members.map((member) => [member.id, member.name]));
  const byMember = [...owners]
    .map(([memberId, figures]) => ({ memberId, name: names.get(memberId) ?? 'Former member', ...figures }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));

  const total = pocs.length;
  const rate = (reached: number) => (total === 0 ? 0 : reached / total);
  const byTag = sortedCounts(tags);

  return {
    tenantId: scope.tenantId,
    userId: scope.userId,
    userName: scope.userId ? (names.get(scope.userId) ?? null) : null,
    from: scope.from,
    to: scope.to,
    generatedAt: (scope.generatedAt ?? new Date()).toISOString(),
    totals: { pocs: total, members: owners.size, languages: languages.size, tags: tags.size, done },
    byLanguage: sortedCounts(languages),
    byTag,
    topTags: byTag.slice(0, TOP_TAGS),
    byMonth,
    byMember,
    byStatus: PocStatuses.map((status) => ({ status, count: statuses.get(status) ?? 0 })),
    funnel: [
      { stage: 'idea', reached: total, rate: rate(total) },
      { stage: 'active', reached: reachedActive, rate: rate(reachedActive) },
      { stage: 'done', reached: done, rate: rate(done) },
    ],
    newVersusFinished: flow,
  };
}
