import type { DriveRequested } from '@pocdojo/common/contracts/dojo-protocol';
import { useEffect, useState } from 'react';

/** A navigator's "Request to drive": sent once, then a note until the driver changes or the request lapses. */
export function RequestToDrive({ driverName, onRequest }: { driverName: string | undefined; onRequest: () => void }) {
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
        You asked to drive; {driverName ?? 'the driver'} or a facilitator can hand over.
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
      Request to drive
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
  const open = requests.filter((r) => r.expiresAt > now);
  if (open.length === 0) return null;
  return (
    <section className="alert alert--info drive-requests" aria-label="Requests to drive">
      <ul className="drive-requests__list">
        {open.map((request) => (
          <li key={request.userId}>
            <strong>{request.name}</strong> asks to drive.{' '}
            <button type="button" className="button button--small" onClick={() => onAccept(request.userId)}>
              Hand over to {request.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
