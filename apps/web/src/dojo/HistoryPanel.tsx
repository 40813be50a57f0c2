import type { HistoryItem as HistoryEvent } from '@pocdojo/common/contracts/dojo-protocol/history';
import { useServices } from '../AppContext.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useResource } from '../lib/useResource.ts';

const timerVerbs: Record<string, string> = {
  timer_started: 'started the kata',
  timer_paused: 'paused the timer',
  timer_resumed: 'resumed the timer',
  timer_ended: 'ended the kata',
};

/** One line per event kind of dojo-engine's history (HistoryKinds). */
const describe = (event: HistoryEvent): string => {
  const who = event.name ?? 'Someone';
  const reason = typeof event.data.reason === 'string' ? ` (${event.data.reason.replace('_', ' ')})` : '';
  switch (event.kind) {
    case 'chat':
      return `${who}: ${String(event.data.text ?? '')}`;
    case 'joined':
      return `${who} joined`;
    case 'left':
      return `${who} left`;
    case 'removed':
      return `${who} was removed`;
    case 'rotation':
      return `${String(event.data.driverName ?? 'Someone')} drives now${reason}`;
    case 'test_run':
      return `${who} ran the tests: ${String(event.data.colour ?? '')}${event.data.summary ? ` (${String(event.data.summary)})` : ''}`;
    case 'driver_set':
      return `${who} made ${String(event.data.driverName ?? 'someone')} the driver`;
    default:
      return timerVerbs[event.kind] ? `${who} ${timerVerbs[event.kind]}` : `${who}: ${event.kind}`;
  }
};

/** The dojo's session history (joins, rotations, timer, chat) from dojo-engine, oldest first. */
export function HistoryPanel({ dojoId }: { dojoId: string }) {
  const { api, config } = useServices();
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
      <h2 id="history-title">Session history</h2>
      <ProblemAlert error={history.error} />
      {history.data?.items.length === 0 && <p className="muted">Nothing happened in this dojo yet.</p>}
      <ol className="history">
        {history.data?.items.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at} className="muted">
              {new Date(event.at).toLocaleString()}
            </time>{' '}
            {describe(event)}
          </li>
        ))}
      </ol>
      <button type="button" className="button button--ghost" onClick={history.reload}>
        Refresh
      </button>
    </section>
  );
}
