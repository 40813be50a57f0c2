import {
  type Command,
  CommandAction,
  type ParticipantState,
  type TimerStatus,
} from '@pocdojo/common/dojo-protocol/index';
import { useState } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/** Timer and seat controls, shown to facilitators only (the engine refuses them from anyone else). */
export function FacilitatorControls({
  timerStatus,
  participants,
  driverUserId,
  onCommand,
  onEnd,
  disabled,
}: {
  timerStatus: TimerStatus;
  participants: ParticipantState[];
  driverUserId: string;
  onCommand: (command: Command) => void;
  /** Ends the dojo for everyone: the kata stops, the dojo leaves "Live now" for the finished list. */
  onEnd: () => void;
  disabled: boolean;
}) {
  // Facilitators never drive (the engine seats only participants at the keyboard).
  const people = [...new Map(participants.filter((p) => p.role === 'participant').map((p) => [p.userId, p])).values()];
  const { t } = useMessages();
  const [chosen, setChosen] = useState('');
  const target = chosen || people.find((p) => p.userId !== driverUserId)?.userId || '';
  return (
    <section aria-labelledby="facilitation-title" className="panel">
      <h2 id="facilitation-title">{t('dojo.facilitation.title')}</h2>
      <div className="actions">
        {timerStatus === 'idle' && (
          <button
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => onCommand({ action: CommandAction.timerStart })}
          >
            {t('dojo.facilitation.start')}
          </button>
        )}
        {timerStatus === 'running' && (
          <button
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => onCommand({ action: CommandAction.timerPause })}
          >
            {t('dojo.facilitation.pause')}
          </button>
        )}
        {timerStatus === 'paused' && (
          <button
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => onCommand({ action: CommandAction.timerResume })}
          >
            {t('dojo.facilitation.resume')}
          </button>
        )}
        <button
          type="button"
          className="button button--ghost"
          disabled={disabled || people.length < 2}
          onClick={() => onCommand({ action: CommandAction.rotate })}
        >
          {t('dojo.facilitation.rotate')}
        </button>
      </div>
      <div className="row row--inline">
        <button
          type="button"
          className="button button--danger"
          onClick={() => window.confirm(t('dojo.facilitation.end_confirm')) && onEnd()}
        >
          {t('dojo.facilitation.end')}
        </button>
      </div>
      <div className="row row--inline">
        <label htmlFor="choose-driver">{t('dojo.facilitation.driver')}</label>
        <select id="choose-driver" className="select" value={target} onChange={(e) => setChosen(e.target.value)}>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.userId === driverUserId ? t('dojo.facilitation.driving', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--ghost"
          disabled={disabled || !target || target === driverUserId}
          onClick={() => onCommand({ action: CommandAction.setDriver, userId: target })}
        >
          {t('dojo.facilitation.make_driver')}
        </button>
      </div>
    </section>
  );
}
