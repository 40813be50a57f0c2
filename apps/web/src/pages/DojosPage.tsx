import { useEffect } from 'react';
import { useServices } from '../AppContext.tsx';
import { listDojos, listKatas } from '../api/dojos.ts';
import { type Dojo, type DojoStatus, DojoStatuses } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { preloadDojoRoom } from '../dojoRoomChunk.ts';
import { useResource } from '../lib/useResource.ts';
import { Link } from '../router.tsx';
import { DojoCreateForm } from './DojoCreateForm.tsx';

const headings: Record<DojoStatus, string> = { live: 'Live now', scheduled: 'Scheduled', finished: 'Finished' };
const order: DojoStatus[] = ['live', 'scheduled', 'finished'];

/** The lobby: live, scheduled and finished dojos, and the form to create one. */
export function DojosPage() {
  const { api } = useServices();
  const dojos = useResource((signal) => listDojos(api, signal), []);
  const katas = useResource((signal) => listKatas(api, signal).catch(() => []), []);
  useEffect(preloadDojoRoom, []);
  const byStatus = (status: DojoStatus): Dojo[] =>
    (dojos.data ?? []).filter((d) => (d.status ?? 'scheduled') === status);
  return (
    <section aria-labelledby="dojos-title" className="stack">
      <h1 id="dojos-title">Dojos</h1>
      <ProblemAlert error={dojos.error} />
      {dojos.loading && !dojos.data && <p aria-live="polite">Loading dojos…</p>}
      <div className="lobby">
        {order
          .filter((status) => DojoStatuses.includes(status))
          .map((status) => (
            <section key={status} aria-labelledby={`lobby-${status}`} className="card">
              <h2 id={`lobby-${status}`}>{headings[status]}</h2>
              {byStatus(status).length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="dojo-list">
                  {byStatus(status).map((dojo) => (
                    <li key={dojo.id}>
                      <Link to={`/dojos/${dojo.id}`}>{dojo.title}</Link>
                      <span className="muted">
                        {' '}
                        {dojo.language} · {dojo.durationMinutes} min · rotate every {dojo.rotationMinutes} min
                        {dojo.scheduledAt ? ` · ${new Date(dojo.scheduledAt).toLocaleString()}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
      </div>
      {katas.data && <DojoCreateForm katas={katas.data} />}
    </section>
  );
}
