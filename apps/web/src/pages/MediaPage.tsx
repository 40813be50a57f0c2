import { type FormEvent, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listJobs, type ReportInput, requestReport, requestVideo } from '../api/jobs.ts';
import type { Job } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { JobCard } from '../components/JobCard.tsx';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { fieldError } from '../lib/fieldError.ts';
import { type Period, periodFor, periodProblem, toApiWindow } from '../lib/period.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

const thisYear = new Date().getFullYear();

/** Request reports and yearly videos, and follow every job to its result. */
export function MediaPage() {
  const { api } = useServices();
  const jobs = useResource((signal) => listJobs(api, signal), []);
  const [added, setAdded] = useState<Job[]>([]);
  const [report, setReport] = useState({
    scope: 'tenant' as 'tenant' | 'me',
    format: 'pdf' as ReportInput['format'],
  });
  const [period, setPeriod] = useState<Period>(() => periodFor('thisYear'));
  const [year, setYear] = useState(String(thisYear));

  const queued = (jobId: string, kind: string, params: Record<string, unknown>): Job => ({
    id: jobId,
    kind,
    status: 'queued',
    progress: 0,
    params,
    createdAt: new Date().toISOString(),
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
      <h1 id="media-title">Reports and videos</h1>
      <div className="row row--top">
        <form className="card" onSubmit={submitReport} aria-labelledby="report-title" noValidate>
          <h2 id="report-title">Report</h2>
          <ProblemAlert error={askReport.error} fields={['scope', 'from', 'to', 'format']} />
          <SelectField
            label="Scope"
            value={report.scope}
            onChange={(e) => setReport({ ...report, scope: e.target.value as 'tenant' | 'me' })}
            options={[
              { value: 'tenant', label: 'The whole team' },
              { value: 'me', label: 'My POCs' },
            ]}
            error={fieldError(askReport.error, 'scope')}
          />
          <PeriodPicker
            value={period}
            onChange={setPeriod}
            error={fieldError(askReport.error, 'from') ?? fieldError(askReport.error, 'to')}
          />
          <SelectField
            label="Format"
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
            Request report
          </button>
        </form>
        <form className="card" onSubmit={submitVideo} aria-labelledby="video-title" noValidate>
          <h2 id="video-title">Yearly video</h2>
          <p className="muted">
            Your year in half a minute, with music: its rhythm month by month, your top languages and tags, your POCs
            and the dojos you joined.
          </p>
          <ProblemAlert error={askVideo.error} fields={['year']} />
          <Field
            label="Year"
            type="number"
            min={2000}
            max={thisYear}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            error={fieldError(askVideo.error, 'year')}
          />
          <button type="submit" className="button" disabled={askVideo.busy}>
            Make my video
          </button>
        </form>
      </div>
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">Your jobs</h2>
        <ProblemAlert error={jobs.error} />
        {all.length === 0 && !jobs.loading && <p className="muted">Nothing requested yet.</p>}
        <ul className="job-list">
          {all.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </ul>
      </section>
    </section>
  );
}
