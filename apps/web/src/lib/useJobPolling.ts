import { useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { getJob, isFinished } from '../api/jobs.ts';
import type { Job } from '../api/types.ts';

/**
 * Follows a job until it succeeds or fails. Polls every second while it runs
 * (renders take seconds to a minute) and backs off on network errors.
 */
export function useJobPolling(jobId: string | null, initial?: Job) {
  const { api } = useServices();
  const [job, setJob] = useState<Job | null>(initial ?? null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    let delay = 1000;
    const poll = async () => {
      try {
        const next = await getJob(api, jobId);
        if (cancelled) return;
        setJob(next);
        setError(null);
        delay = 1000;
        if (isFinished(next)) return;
      } catch (caught) {
        if (cancelled) return;
        setError(caught);
        delay = Math.min(delay * 2, 10_000);
      }
      timer = setTimeout(poll, delay);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, jobId]);
  return { job, error };
}
