import { DEFAULT_TIME_ZONE } from '@pocdojo/common/i18n/locales';
import { useEffect } from 'react';
import { useServices } from '../AppContext.tsx';
import { listDojos, listKatas } from '../api/dojos.ts';
import { type Dojo, type DojoStatus, DojoStatuses } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { preloadDojoRoom } from '../dojoRoomChunk.ts';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import { relativeTime } from '../lib/relativeTime.ts';
import { useResource } from '../lib/useResource.ts';
import { Link } from '../router.tsx';
import { DojoCreateForm } from './DojoCreateForm.tsx';

const headings: Record<DojoStatus, MessageKey> = {
  live: 'dojo.lobby.live',
  scheduled: 'dojo.lobby.scheduled',
  finished: 'dojo.lobby.finished',
};
const order: DojoStatus[] = ['live', 'scheduled', 'finished'];

/** The lobby: live, scheduled and finished dojos, and the form to create one. */
export function DojosPage() {
  const { api } = useServices();
  const { t, locale } = useMessages();
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute' });
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: DEFAULT_TIME_ZONE,
  });
  const dojos = useResource((signal) => listDojos(api, signal), []);
  const katas = useResource((signal) => listKatas(api, signal).catch(() => []), []);
  useEffect(preloadDojoRoom, []);
  const byStatus = (status: DojoStatus): Dojo[] =>
    (dojos.data ?? []).filter((d) => (d.status ?? 'scheduled') === status);
  return (
    <section aria-labelledby="dojos-title" className="stack">
      <h1 id="dojos-title">{t('dojo.lobby.title')}</h1>
      <ProblemAlert error={dojos.error} />
      {dojos.loading && !dojos.data && <p aria-live="polite">{t('dojo.lobby.loading')}</p>}
      <div className="lobby">
        {order
          .filter((status) => DojoStatuses.includes(status))
          .map((status) => (
            <section key={status} aria-labelledby={`lobby-${status}`} className="card">
              <h2 id={`lobby-${status}`}>{t(headings[status])}</h2>
              {byStatus(status).length === 0 ? (
                <p className="muted">{t('dojo.lobby.none')}</p>
              ) : (
                <ul className="dojo-list">
                  {byStatus(status).map((dojo) => (
                    <li key={dojo.id}>
                      <Link to={`/dojos/${dojo.id}`}>{dojo.title}</Link>
                      <span className="muted">
                        {' '}
                        {t('dojo.lobby.item', {
                          language: dojo.language,
                          duration: minutes.format(dojo.durationMinutes),
                          rotation: minutes.format(dojo.rotationMinutes),
                        })}
                        {dojo.scheduledAt && (
                          <>
                            {' · '}
                            <time dateTime={dojo.scheduledAt}>
                              {t('dojo.lobby.when', {
                                date: when.format(new Date(dojo.scheduledAt)),
                                relative: relativeTime(Date.parse(dojo.scheduledAt), Date.now(), locale),
                              })}
                            </time>
                          </>
                        )}
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
