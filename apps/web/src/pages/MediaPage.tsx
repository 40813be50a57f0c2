import { type FormEvent, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listJobs, type ReportInput, requestReport, requestVideo } from '../api/jobs.ts';
import type { Job } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { JobCard } from '../components/JobCard.tsx';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { fieldError } from '../lib/fieldError.ts';
import { type Period, periodFor, periodProblem, toApiWindow } from '../lib/period.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

const thisYear = new Date().getFullYear();

/** Request reports and yearly videos, and follow every job to its result. */
export function MediaPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const jobs = useResource((signal) => listJobs(api, signal), []);
  const [added, setAdded] = useState<Job[]>([]);
  const [report, setReport] = useState({
    scope: 'tenant' as 'tenant' | 'me',
    format: 'pdf' as ReportInput['format'],
  });
  const [period, setPeriod] = useState<Period>(() => periodFor('thisYear'));
  const [year, setYear] = useState(String(thisYear));

  const queued = (jobId: string, kind: Job['kind'], params: Record<string, unknown>): Job => ({
    id: jobId,
    kind,
    status: 'queued',
    progress: 0,
    stage: null,
    params,
    subjectName: null,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
  const askReport = useAsyncAction(async () => {
    const input = { ...report, ...toApiWindow(period) };
    const { jobId } = await requestReport(api, input);
    setAdded((list) => [queued(jobId, 'report', input), ...list]);
  });
  const askVideo = useAsyncAction(async () => {
    const { jobId } = await requestVideo(api, { year: Number(year) });
    setAdded((list) => [queued(jobId, 'video', { year: Number(year) }), ...list]);
  });
  const submitReport = (event: FormEvent) => {
    event.preventDefault();
    if (period.preset === 'range' && periodProblem(period)) return;
    void askReport.run();
  };
  const submitVideo = (event: FormEvent) => {
    event.preventDefault();
    void askVideo.run();
  };
  // A personal data export lives on the account page, not among the team's media.
  const listed = (jobs.data ?? []).filter((j) => j.kind !== 'personal_data');
  const all = [...added, ...listed.filter((j) => !added.some((a) => a.id === j.id))];

  return (
    <section aria-labelledby="media-title" className="stack">
      <h1 id="media-title">{t('media.title')}</h1>
      <div className="row row--top">
        <form className="card" onSubmit={submitReport} aria-labelledby="report-title" noValidate>
          <h2 id="report-title">{t('media.report.title')}</h2>
          <ProblemAlert error={askReport.error} fields={['scope', 'from', 'to', 'format']} />
          <SelectField
            label={t('media.report.scope')}
            value={report.scope}
            onChange={(e) => setReport({ ...report, scope: e.target.value as 'tenant' | 'me' })}
            options={[
              { value: 'tenant', label: t('media.report.scope_team') },
              { value: 'me', label: t('media.report.scope_mine') },
            ]}
            error={fieldError(askReport.error, 'scope')}
          />
          <PeriodPicker
            value={period}
            onChange={setPeriod}
            error={fieldError(askReport.error, 'from') ?? fieldError(askReport.error, 'to')}
          />
          <SelectField
            label={t('media.report.format')}
            value={report.format}
            onChange={(e) => setReport({ ...report, format: e.target.value as ReportInput['format'] })}
            options={[
              { value: 'pdf', label: 'PDF' },
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
            ]}
            error={fieldError(askReport.error, 'format')}
          />
          <button type="submit" className="button" disabled={askReport.busy}>
            {t('media.report.submit')}
          </button>
        </form>
        <form className="card" onSubmit={submitVideo} aria-labelledby="video-title" noValidate>
          <h2 id="video-title">{t('media.video.title')}</h2>
          <p className="muted">{t('media.video.intro')}</p>
          <ProblemAlert error={askVideo.error} fields={['year']} />
          <Field
            label={t('media.video.year')}
            type="number"
            min={2000}
            max={thisYear}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            error={fieldError(askVideo.error, 'year')}
          />
          <button type="submit" className="button" disabled={askVideo.busy}>
            {t('media.video.submit')}
          </button>
        </form>
      </div>
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t('media.jobs.title')}</h2>
        <ProblemAlert error={jobs.error} />
        {all.length === 0 && !jobs.loading && <p className="muted">{t('media.jobs.empty')}</p>}
        <ul className="job-list">
          {all.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </ul>
      </section>
    </section>
  );
}
