import type { ConnectionStatus } from './DojoSession.ts';

const messages: Record<ConnectionStatus, string | null> = {
  connecting: 'Connecting to the room…',
  connected: null,
  reconnecting: 'Connection lost — reconnecting… Keep typing: your edits merge when it is back.',
  offline: 'You are offline. Keep typing: your edits merge when the connection is back.',
  left: 'You left the room.',
  removed: 'A facilitator removed you from this dojo.',
  failed: 'Could not join the room.',
};

/** Says, visibly and to screen readers, when the room is not live for us. */
export function ConnectionBanner({ status, notice }: { status: ConnectionStatus; notice: string | null }) {
  const text = messages[status];
  return (
    <div aria-live="polite" data-connection={status}>
      {text && <p className={`alert ${status === 'connecting' ? 'alert--info' : 'alert--warning'}`}>{text}</p>}
      {notice && status === 'connected' && <p className="alert alert--warning">{notice}</p>}
    </div>
  );
}
