import type { HistoryItem as HistoryEvent } from '@pocdojo/common/dojo-protocol/history';
import { useServices } from '../AppContext.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useResource } from '../lib/useResource.ts';
import type { Words } from '../lib/words.ts';
import { colourName, verdictText } from './runSummary.ts';

/** One line per event kind of dojo-engine's history (HistoryKinds), in the member's language. */
export function describeHistoryEvent(event: HistoryEvent, words: Words): string {
  const { t } = words;
  const who = event.name ?? t('dojo.history.someone');
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (event.kind) {
    case 'chat':
      return t('dojo.history.chat', { who, text: text(event.data.text) });
    case 'joined':
      return t('dojo.history.joined', { who });
    case 'left':
      return t('dojo.history.left', { who });
    case 'removed':
      return t('dojo.history.removed', { who });
    case 'rotation':
      return t('dojo.announce.rotation', {
        driver: text(event.data.driverName) || t('dojo.history.someone'),
        reason: text(event.data.reason),
      });
    case 'test_run': {
      const colour = event.data.colour;
      if (colour !== 'red' && colour !== 'amber' && colour !== 'green')
        return t('dojo.history.test_run_plain', { who });
      const verdict = { colour, reason: text(event.data.reason) || null, summary: text(event.data.summary) } as const;
      return t('dojo.history.test_run', {
        who,
        light: colourName(colour, words),
        verdict: verdictText(verdict, words),
      });
    }
    case 'driver_set':
      return t('dojo.history.driver_set', { who, driver: text(event.data.driverName) || t('dojo.history.someone') });
    case 'file_restored':
      return t('dojo.history.file_restored', { who, path: text(event.data.path) });
    case 'timer_started':
    case 'timer_paused':
    case 'timer_resumed':
    case 'timer_ended':
      return t('dojo.history.timer', { who, action: event.kind });
    default:
      return t('dojo.history.other', { who, kind: event.kind });
  }
}

/** The dojo's session history (joins, rotations, timer, chat) from dojo-engine, oldest first. */
export function HistoryPanel({ dojoId }: { dojoId: string }) {
  const { api, config } = useServices();
  const words = useMessages();
  const { t, formatDateTime } = words;
  const history = useResource(
    (signal) =>
      api.get<{ items: HistoryEvent[] }>(
        `${config.engineUrl}/v1/dojos/${encodeURIComponent(dojoId)}/history?limit=500`,
        {
          signal,
        },
      ),
    [dojoId],
  );
  return (
    <section aria-labelledby="history-title" className="panel">
      <h2 id="history-title">{t('dojo.history.title')}</h2>
      <ProblemAlert error={history.error} />
      {history.data?.items.length === 0 && <p className="muted">{t('dojo.history.empty')}</p>}
      <ol className="history">
        {history.data?.items.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at} className="muted">
              {formatDateTime(event.at)}
            </time>{' '}
            {describeHistoryEvent(event, words)}
          </li>
        ))}
      </ol>
      <button type="button" className="button button--ghost" onClick={history.reload}>
        {t('dojo.history.refresh')}
      </button>
    </section>
  );
}
