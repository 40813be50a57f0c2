import type { Job } from '../api/types.ts';
import { lastDayOf, periodLabel } from './period.ts';

/** What a job is, for people: "PDF report · whole team · 1 Jan – 31 Dec 2026", "Yearly video 2026 · Ana". */
export interface JobDescription {
  title: string;
  details: string[];
  /** "Requested 1 Dec 2026, 17:33", when known. */
  requested: string | null;
}

const formats: Record<string, string> = { pdf: 'PDF', csv: 'CSV', json: 'JSON' };

/** What a description reads of a job (a job just asked for has no subject name yet). */
type DescribedJob = Pick<Job, 'kind' | 'params'> & Partial<Pick<Job, 'createdAt' | 'subjectName'>>;

export function describeJob(job: DescribedJob, locale?: string): JobDescription {
  const params = job.params ?? {};
  const requested = job.createdAt
    ? `Requested ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(job.createdAt))}`
    : null;
  if (job.kind === 'video') {
    const year = typeof params.year === 'number' ? ` ${params.year}` : '';
    return { title: `Yearly video${year}`, details: job.subjectName ? [job.subjectName] : [], requested };
  }
  const format = typeof params.format === 'string' ? (formats[params.format] ?? params.format) : null;
  const details: string[] = [];
  if (params.scope === 'tenant') details.push('whole team');
  else if (params.scope === 'me') details.push(job.subjectName ?? 'my POCs');
  else if (params.scope && typeof params.scope === 'object') details.push(job.subjectName ?? 'one member');
  if (typeof params.from === 'string' && typeof params.to === 'string')
    details.push(periodLabel(params.from, lastDayOf(params.to), locale));
  return { title: format ? `${format} report` : 'Report', details, requested };
}
