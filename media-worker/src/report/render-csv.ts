import type { ReportFigures } from '../domain/report-figures.ts';
import type { RenderedFile } from './rendered-file.ts';

/**
 * The figures as one long-format CSV (RFC 4180): `section,key,label,metric,value`.
 * One table instead of several files keeps a single download and loads
 * straight into a spreadsheet pivot; `key` is stable (ids, months), `label` is for people.
 */
export function renderReportCsv(figures: ReportFigures): RenderedFile {
  const rows: (string | number)[][] = [['section', 'key', 'label', 'metric', 'value']];
  const add = (section: string, key: string, label: string, metric: string, value: number | string) =>
    rows.push([section, key, label, metric, value]);

  add('report', 'tenant', figures.tenantId, 'tenant_id', figures.tenantId);
  add('report', 'scope', figures.userName ?? (figures.userId ? 'member' : 'tenant'), 'user_id', figures.userId ?? '');
  add('report', 'period', 'from', 'date', figures.from);
  add('report', 'period', 'to (exclusive)', 'date', figures.to);
  add('report', 'generated', 'generated at', 'timestamp', figures.generatedAt);
  for (const [metric, value] of Object.entries(figures.totals)) add('totals', metric, metric, 'count', value);
  for (const { name, count } of figures.byLanguage) add('language', name, name, 'pocs', count);
  for (const { name, count } of figures.byTag) add('tag', name, name, 'pocs', count);
  for (const [index, { name, count }] of figures.topTags.entries())
    add('top_tag', String(index + 1), name, 'pocs', count);
  for (const { month, count } of figures.byMonth) add('month', month, month, 'pocs', count);
  for (const member of figures.byMember) {
    add('member', member.memberId, member.name, 'pocs', member.count);
    add('member', member.memberId, member.name, 'done', member.done);
  }
  for (const { status, count } of figures.byStatus) add('status', status, status, 'pocs', count);
  for (const stage of figures.funnel) {
    add('funnel', stage.stage, stage.stage, 'reached', stage.reached);
    add('funnel', stage.stage, stage.stage, 'rate', Number(stage.rate.toFixed(4)));
  }
  for (const { month, started, finished } of figures.newVersusFinished) {
    add('new_vs_finished', month, month, 'new', started);
    add('new_vs_finished', month, month, 'finished', finished);
  }
  const text = `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  return { body: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
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
