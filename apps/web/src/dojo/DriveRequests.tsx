import type { DriveRequested } from '@pocdojo/common/dojo-protocol/index';
import { useEffect, useState } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/** A navigator's "Request to drive": sent once, then a note until the driver changes or the request lapses. */
export function RequestToDrive({ driverName, onRequest }: { driverName: string | undefined; onRequest: () => void }) {
  const { t } = useMessages();
  const [askedAt, setAskedAt] = useState<number | null>(null);
  // Asking again is possible after the server's window (15 s): the button comes back.
  useEffect(() => {
    if (askedAt === null) return;
    const timer = setTimeout(() => setAskedAt(null), 15_000);
    return () => clearTimeout(timer);
  }, [askedAt]);
  if (askedAt !== null)
    return (
      <span className="drive-request__sent" role="status">
        {driverName ? t('dojo.drive.asked_named', { driver: driverName }) : t('dojo.drive.asked')}
      </span>
    );
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => {
        onRequest();
        setAskedAt(Date.now());
      }}
    >
      {t('dojo.drive.request')}
    </button>
  );
}

/** For the driver and facilitators: who asked to drive, each with a button to hand over the keyboard. */
export function DriveRequestList({
  requests,
  now,
  onAccept,
}: {
  requests: DriveRequested[];
  now: number;
  onAccept: (userId: string) => void;
}) {
  const { t } = useMessages();
  const open = requests.filter((r) => r.expiresAt > now);
  if (open.length === 0) return null;
  return (
    <section className="alert alert--info drive-requests" aria-label={t('dojo.drive.requests')}>
      <ul className="drive-requests__list">
        {open.map((request) => (
          <li key={request.userId}>
            {t('dojo.drive.asks', { name: request.name })}{' '}
            <button type="button" className="button button--small" onClick={() => onAccept(request.userId)}>
              {t('dojo.drive.hand_over', { name: request.name })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
