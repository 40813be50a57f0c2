import { FORMER_MEMBER, type ReportFigures } from '@pocdojo/common/contracts/report-figures';
import { funnelKeys, statusKeys } from '../i18n/labels.ts';
import type { Reader } from '../i18n/reader.ts';
import { inclusiveEnd } from './period.ts';
import type { RenderedFile } from './rendered-file.ts';

/**
 * The figures as one long-format CSV (RFC 4180): `section,key,label,metric,value`.
 * One table instead of several files keeps a single download and loads
 * straight into a spreadsheet pivot; `key` is stable (ids, months), `label` is for people.
 */
export function renderReportCsv(figures: ReportFigures, reader: Reader): RenderedFile {
  const { t } = reader;
  const rows: (string | number)[][] = [['section', 'key', 'label', 'metric', 'value']];
  const add = (section: string, key: string, label: string, metric: string, value: number | string) =>
    rows.push([section, key, label, metric, value]);

  // The team by name for people, and by id for joins.
  add('report', 'tenant', figures.tenantName ?? '', 'tenant_id', figures.tenantId);
  add(
    'report',
    'scope',
    figures.userName ?? t(figures.userId ? 'csv.scope.member' : 'csv.scope.team'),
    'user_id',
    figures.userId ?? '',
  );
  add('report', 'period', reader.day(figures.from), 'from', figures.from);
  add('report', 'period', reader.day(inclusiveEnd(figures.to)), 'to_inclusive', inclusiveEnd(figures.to));
  add('report', 'generated', reader.dateTime(figures.generatedAt), 'timestamp', figures.generatedAt);
  for (const [metric, value] of Object.entries(figures.totals))
    add('totals', metric, totalLabel(metric, t), 'count', value);
  for (const { name, count } of figures.byLanguage) add('language', name, name, 'pocs', count);
  for (const { name, count } of figures.byTag) add('tag', name, name, 'pocs', count);
  for (const [index, { name, count }] of figures.topTags.entries())
    add('top_tag', String(index + 1), name, 'pocs', count);
  for (const { month, count } of figures.byMonth) add('month', month, reader.month(month), 'pocs', count);
  for (const member of figures.byMember) {
    const name = member.name === FORMER_MEMBER ? t('report.formerMember') : member.name;
    add('member', member.memberId, name, 'pocs', member.count);
    add('member', member.memberId, name, 'done', member.done);
  }
  for (const { status, count } of figures.byStatus) add('status', status, t(statusKeys[status]), 'pocs', count);
  for (const stage of figures.funnel) {
    add('funnel', stage.stage, t(funnelKeys[stage.stage]), 'reached', stage.reached);
    add('funnel', stage.stage, t(funnelKeys[stage.stage]), 'rate', Number(stage.rate.toFixed(4)));
  }
  for (const { month, started, finished } of figures.newVersusFinished) {
    add('new_vs_finished', month, reader.month(month), 'new', started);
    add('new_vs_finished', month, reader.month(month), 'finished', finished);
  }
  const text = `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  return { body: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}

const totalKeys: Record<string, Parameters<Reader['t']>[0]> = {
  pocs: 'report.total.pocs',
  members: 'report.total.members',
  owners: 'report.total.owners',
  languages: 'report.total.languages',
  tags: 'report.total.tags',
  started: 'report.total.started',
  done: 'report.total.finished',
};

function totalLabel(metric: string, t: Reader['t']): string {
  const key = totalKeys[metric];
  return key ? t(key) : metric;
}

/**
 * Quotes a cell when needed, and defuses spreadsheet formulas: POC names and
 * tags are user input, and a cell starting with = + - @ would run as a formula.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
