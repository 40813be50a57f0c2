import { useState } from 'react';
import { useSession } from '../AppContext.tsx';
import { DeliveryStatuses } from '../api/notifications.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useNotifications } from '../lib/useNotifications.ts';
import { useResource } from '../lib/useResource.ts';
import { kindLabel } from './notificationKinds.ts';

/**
 * What happened to the team's e-mails and pushes — sent, retrying, failed after
 * every attempt, or suppressed after a bounce — for the team's owners and
 * admins (notifier checks the role again on every request).
 */
const deliveryStates = {
  pending: 'deliveries.state.pending',
  sending: 'deliveries.state.sending',
  sent: 'deliveries.state.sent',
  failed: 'deliveries.state.failed',
  suppressed: 'deliveries.state.suppressed',
} as const satisfies Record<(typeof DeliveryStatuses)[number], string>;

export function DeliveriesPage() {
  const session = useSession();
  const client = useNotifications();
  const { t, formatDateTime } = useMessages();
  const [status, setStatus] = useState<string>('');
  const allowed = session?.user.role === 'owner' || session?.user.role === 'admin';
  const deliveries = useResource(
    async (signal) => (client && allowed ? client.deliveries(status || null, signal) : { items: [] }),
    [client, status, allowed],
  );
  return (
    <section className="stack" aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">{t('deliveries.title')}</h1>
      {!allowed ? (
        <p className="alert alert--info">{t('deliveries.forbidden')}</p>
      ) : (
        <>
          <label className="field">
            <span>{t('deliveries.status')}</span>
            <select
              className="select"
              aria-label={t('deliveries.filter')}
              value={status}
              onChange={(event) => setStatus(event.target.value)}
            >
              <option value="">{t('deliveries.all')}</option>
              {DeliveryStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(deliveryStates[s])}
                </option>
              ))}
            </select>
          </label>
          <ProblemAlert error={deliveries.error} />
          {deliveries.loading && !deliveries.data && <p aria-live="polite">{t('deliveries.loading')}</p>}
          {deliveries.data && deliveries.data.items.length === 0 && <p>{t('deliveries.empty')}</p>}
          {deliveries.data && deliveries.data.items.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">{t('deliveries.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deliveries.col.when')}</th>
                  <th scope="col">{t('deliveries.col.kind')}</th>
                  <th scope="col">{t('deliveries.col.channel')}</th>
                  <th scope="col">{t('deliveries.col.to')}</th>
                  <th scope="col">{t('deliveries.col.status')}</th>
                  <th scope="col">{t('deliveries.col.attempts')}</th>
                  <th scope="col">{t('deliveries.col.error')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>{kindLabel(t, d.kind)}</td>
                    <td>{t(d.channel === 'email' ? 'notifications.channel.email' : 'notifications.channel.push')}</td>
                    <td>{d.email}</td>
                    <td>
                      <span className={`badge badge--${d.status}`}>{t(deliveryStates[d.status])}</span>
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
