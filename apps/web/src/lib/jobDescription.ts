import { DEFAULT_TIME_ZONE } from '@pocdojo/common/i18n/locales';
import type { Job } from '../api/types.ts';
import { lastDayOf, periodLabel } from './period.ts';
import type { Words } from './words.ts';

/**
 * What a job is, for people: "PDF report · whole team · Jan 1 – Dec 31, 2025",
 * "Relatório em PDF · time inteiro · 1 jan – 31 dez 2025", "Yearly video 2026 · Ana".
 */
export interface JobDescription {
  title: string;
  details: string[];
  /** "Requested Dec 1, 2026, 5:33 PM" (Brasília time), when known. */
  requested: string | null;
}

const formats: Record<string, string> = { pdf: 'PDF', csv: 'CSV', json: 'JSON' };

/** What a description reads of a job (a job just asked for has no subject name yet). */
type DescribedJob = Pick<Job, 'kind' | 'params'> & Partial<Pick<Job, 'createdAt' | 'subjectName'>>;

export function describeJob(job: DescribedJob, words: Words): JobDescription {
  const { t, locale } = words;
  const params = job.params ?? {};
  const requested = job.createdAt
    ? t('jobs.requested', {
        when: new Intl.DateTimeFormat(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: DEFAULT_TIME_ZONE,
        }).format(new Date(job.createdAt)),
      })
    : null;
  if (job.kind === 'video') {
    const title =
      typeof params.year === 'number'
        ? t('jobs.video.title_year', { year: String(params.year) })
        : t('jobs.video.title');
    return { title, details: job.subjectName ? [job.subjectName] : [], requested };
  }
  const format = typeof params.format === 'string' ? (formats[params.format] ?? params.format) : null;
  const details: string[] = [];
  if (params.scope === 'tenant') details.push(t('jobs.scope.team'));
  else if (params.scope === 'me') details.push(job.subjectName ?? t('jobs.scope.mine'));
  else if (params.scope && typeof params.scope === 'object') details.push(job.subjectName ?? t('jobs.scope.member'));
  if (typeof params.from === 'string' && typeof params.to === 'string')
    details.push(periodLabel(params.from, lastDayOf(params.to), locale));
  return { title: format ? t('jobs.report.title_format', { format }) : t('jobs.report.title'), details, requested };
}
