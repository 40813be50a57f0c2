import type { Job } from '../api/types.ts';
import { describeJob } from '../lib/jobDescription.ts';
import { useJobPolling } from '../lib/useJobPolling.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const statusText: Record<Job['status'], string> = {
  queued: 'Waiting in the queue',
  running: 'Rendering',
  succeeded: 'Ready',
  failed: 'Failed',
};

/** A report or video job: live progress, then a download link or the video player. */
export function JobCard({ job: initial }: { job: Job }) {
  const { job, error } = useJobPolling(initial.id, initial);
  const current = job ?? initial;
  const isVideo = current.kind === 'video' || current.result?.contentType?.startsWith('video/');
  const described = describeJob(current, document.documentElement.lang || undefined);
  const label = [described.title, ...described.details].join(' · ');
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
        {statusText[current.status]}
        {current.status === 'running' || current.status === 'queued' ? ` — ${Math.round(current.progress)}%` : ''}
      </p>
      {(current.status === 'running' || current.status === 'queued') && (
        <progress max={100} value={current.progress} aria-label={`${label} progress`}>
          {Math.round(current.progress)}%
        </progress>
      )}
      {current.status === 'failed' && <p className="alert alert--error">{current.error ?? 'The job failed.'}</p>}
      {current.status === 'succeeded' && current.result && (
        <>
          {isVideo ? (
            // biome-ignore lint/a11y/useMediaCaption: a generated slideshow of POC cards with no speech
            <video className="job__video" controls preload="metadata" src={current.result.url} aria-label={label} />
          ) : null}
          <p>
            <a className="button button--ghost" href={current.result.url} download>
              Download {isVideo ? 'video' : 'report'} ({Math.round(current.result.bytes / 1024)} KB)
            </a>
          </p>
        </>
      )}
      <ProblemAlert error={error} />
    </li>
  );
}
