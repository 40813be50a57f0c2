import type { Job } from '../api/types.ts';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import { describeJob } from '../lib/jobDescription.ts';
import { useJobPolling } from '../lib/useJobPolling.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const statusText: Record<Job['status'], MessageKey> = {
  queued: 'jobs.status.queued',
  running: 'jobs.status.running',
  succeeded: 'jobs.status.succeeded',
  failed: 'jobs.status.failed',
};

/** A report or video job: live progress, then a download link or the video player. */
export function JobCard({ job: initial }: { job: Job }) {
  const words = useMessages();
  const { t, locale } = words;
  const { job, error } = useJobPolling(initial.id, initial);
  const current = job ?? initial;
  const isVideo = current.kind === 'video' || current.result?.contentType?.startsWith('video/');
  const described = describeJob(current, words);
  const label = [described.title, ...described.details].join(' · ');
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <li className="card job" aria-label={label} data-job-status={current.status}>
      <h3>{described.title}</h3>
      {described.details.length > 0 && <p className="job__details">{described.details.join(' · ')}</p>}
      {described.requested && (
        <p className="muted job__requested">
          <time dateTime={current.createdAt}>{described.requested}</time>
        </p>
      )}
      <p role="status">
        {current.status === 'running' || current.status === 'queued'
          ? t('jobs.status.progress', {
              status: t(statusText[current.status]),
              percent: percent.format(current.progress / 100),
            })
          : t(statusText[current.status])}
      </p>
      {(current.status === 'running' || current.status === 'queued') && (
        <progress max={100} value={current.progress} aria-label={t('jobs.progress_label', { job: label })}>
          {percent.format(current.progress / 100)}
        </progress>
      )}
      {current.status === 'failed' && <p className="alert alert--error">{current.error ?? t('jobs.failed')}</p>}
      {current.status === 'succeeded' && current.result && (
        <>
          {isVideo ? (
            // biome-ignore lint/a11y/useMediaCaption: a generated slideshow of POC cards with no speech
            <video className="job__video" controls preload="metadata" src={current.result.url} aria-label={label} />
          ) : null}
          <p>
            <a className="button button--ghost" href={current.result.url} download>
              {t(isVideo ? 'jobs.download.video' : 'jobs.download.report', {
                size: new Intl.NumberFormat(locale, {
                  style: 'unit',
                  unit: 'kilobyte',
                  maximumFractionDigits: 0,
                }).format(current.result.bytes / 1024),
              })}
            </a>
          </p>
        </>
      )}
      <ProblemAlert error={error} />
    </li>
  );
}
