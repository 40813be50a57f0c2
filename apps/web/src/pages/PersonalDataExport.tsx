import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listJobs, requestPersonalDataExport } from '../api/jobs.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useJobPolling } from '../lib/useJobPolling.ts';
import { useResource } from '../lib/useResource.ts';

/** Days an archive is kept (platform-api's `personalDataExportDefaults.keepDays`). */
const KEEP_DAYS = 7;

/**
 * "Export my data" on the account page (LGPD access and portability): asks
 * for the archive, follows the job's progress, then offers its short-lived
 * download link. The member's latest export is picked up again on reload.
 */
export function PersonalDataExport() {
  const { api } = useServices();
  const { t } = useMessages();
  const latest = useResource(
    async (signal) => (await listJobs(api, signal)).find((job) => job.kind === 'personal_data') ?? null,
    [],
  );
  const [asked, setAsked] = useState<string | null>(null);
  const jobId = asked ?? latest.data?.id ?? null;
  const { job, error } = useJobPolling(jobId, asked ? undefined : (latest.data ?? undefined));
  const request = useAsyncAction(async () => {
    setAsked((await requestPersonalDataExport(api)).jobId);
  });
  const current = job?.id === jobId ? job : null;
  const working = current?.status === 'queued' || current?.status === 'running';
  const progress = Math.round(current?.progress ?? 0);

  return (
    <form onSubmit={request.submit} aria-labelledby="export-title" data-testid="personal-data-export">
      <h2 id="export-title">{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <ProblemAlert error={request.error} />
      <button type="submit" className="button" disabled={request.busy || working}>
        {t('export.button')}
      </button>
      {current && (
        <div data-export-status={current.status}>
          {working && (
            <>
              <p role="status">
                {t(current.status === 'queued' ? 'export.status.queued' : 'export.status.running', { progress })}
              </p>
              <progress max={100} value={progress} aria-label={t('export.progress')}>
                {progress}%
              </progress>
            </>
          )}
          {current.status === 'failed' && (
            <p className="alert alert--error" role="alert">
              {t('export.status.failed')}
            </p>
          )}
          {current.status === 'succeeded' && current.result && (
            <>
              <p role="status">{t('export.status.succeeded')}</p>
              <p>
                <a className="button button--ghost" href={current.result.url} download>
                  {t('export.download', { size: Math.max(1, Math.round(current.result.bytes / 1024)) })}
                </a>
              </p>
              <p className="muted">{t('export.link_note', { days: KEEP_DAYS })}</p>
            </>
          )}
        </div>
      )}
      <ProblemAlert error={error ?? latest.error} />
    </form>
  );
}
