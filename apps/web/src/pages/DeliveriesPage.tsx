import { useState } from 'react';
import { useSession } from '../AppContext.tsx';
import { DeliveryStatuses } from '../api/notifications.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useNotifications } from '../lib/useNotifications.ts';
import { useResource } from '../lib/useResource.ts';
import { kindLabel } from './notificationKinds.ts';

/**
 * What happened to the team's e-mails and pushes — sent, retrying, failed after
 * every attempt, or suppressed after a bounce — for the team's owners and
 * admins (notifier checks the role again on every request).
 */
export function DeliveriesPage() {
  const session = useSession();
  const client = useNotifications();
  const [status, setStatus] = useState<string>('');
  const allowed = session?.user.role === 'owner' || session?.user.role === 'admin';
  const deliveries = useResource(
    async (signal) => (client && allowed ? client.deliveries(status || null, signal) : { items: [] }),
    [client, status, allowed],
  );
  return (
    <section className="stack" aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">Delivery status</h1>
      {!allowed ? (
        <p className="alert alert--info">Only the team’s owners and admins see delivery status.</p>
      ) : (
        <>
          <label className="field">
            <span>Status</span>
            <select
              className="select"
              aria-label="Filter by status"
              value={status}
              onChange={(event) => setStatus(event.target.value)}
            >
              <option value="">All</option>
              {DeliveryStatuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <ProblemAlert error={deliveries.error} />
          {deliveries.loading && !deliveries.data && <p aria-live="polite">Loading deliveries…</p>}
          {deliveries.data && deliveries.data.items.length === 0 && <p>No deliveries yet.</p>}
          {deliveries.data && deliveries.data.items.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">E-mails and pushes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Notification</th>
                  <th scope="col">Channel</th>
                  <th scope="col">To</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{new Date(d.createdAt).toLocaleString()}</td>
                    <td>{kindLabel(d.kind)}</td>
                    <td>{d.channel === 'email' ? 'E-mail' : 'Push'}</td>
                    <td>{d.email}</td>
                    <td>
                      <span className={`badge badge--${d.status}`}>{d.status}</span>
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
