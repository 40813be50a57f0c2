import type { TimerState } from '@pocdojo/common/dojo-protocol/index';
import { useEffect, useState } from 'react';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';

const clock = (ms: number) => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
};

const statusLabel: Record<TimerState['status'], MessageKey> = {
  idle: 'dojo.timer.idle',
  running: 'dojo.timer.running',
  paused: 'dojo.timer.paused',
  ended: 'dojo.timer.ended',
};

/** The kata timer and the next rotation, corrected for the difference between our clock and the server's. */
export function TimerPanel({ timer, clockOffsetMs }: { timer: TimerState; clockOffsetMs: number }) {
  const { t } = useMessages();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.status !== 'running') return;
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, [timer.status]);
  const serverNow = now + clockOffsetMs;
  const remaining = timer.status === 'running' ? timer.endsAt - serverNow : timer.remainingMs;
  const nextRotation = timer.status === 'running' && timer.nextRotationAt ? timer.nextRotationAt - serverNow : null;
  return (
    <section aria-labelledby="timer-title" className="panel timer" data-timer-status={timer.status}>
      <h2 id="timer-title">{t('dojo.timer.title')}</h2>
      <p className="timer__remaining">
        <span className="visually-hidden">{t('dojo.timer.remaining')} </span>
        <span data-testid="timer-remaining">{clock(remaining)}</span>
      </p>
      <p className="muted">
        {t(statusLabel[timer.status])}
        {nextRotation !== null && nextRotation > 0
          ? ` · ${t('dojo.timer.next_rotation', { clock: clock(nextRotation) })}`
          : ''}
      </p>
    </section>
  );
}
