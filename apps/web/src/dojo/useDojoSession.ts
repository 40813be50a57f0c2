import { useEffect, useState, useSyncExternalStore } from 'react';
import { useServices } from '../AppContext.tsx';
import { requestTicket } from '../api/dojos.ts';
import { DojoSession } from './DojoSession.ts';

/** Joins the dojo's room while mounted (`enabled`), and leaves it on unmount. */
export function useDojoSession(dojoId: string, enabled: boolean) {
  const { api } = useServices();
  const [session, setSession] = useState<DojoSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!enabled) return;
    const created = new DojoSession(() => requestTicket(api, dojoId));
    setSession(created);
    setError(null);
    created.join().catch((caught: unknown) => setError(caught));
    return () => created.close();
  }, [api, dojoId, enabled]);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noopSubscribe, session?.getSnapshot ?? nullSnapshot);
  return { session, snapshot, error };
}

const noopSubscribe = () => () => {};
const nullSnapshot = () => null;
