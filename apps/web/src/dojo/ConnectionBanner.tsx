import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import type { ConnectionStatus } from './DojoSession.ts';
import { noticeText, type RoomNotice } from './RoomNotice.ts';

const messages: Record<ConnectionStatus, MessageKey | null> = {
  connecting: 'dojo.connection.connecting',
  connected: null,
  reconnecting: 'dojo.connection.reconnecting',
  offline: 'dojo.connection.offline',
  left: 'dojo.connection.left',
  removed: 'dojo.connection.removed',
  failed: 'dojo.connection.failed',
};

/** Says, visibly and to screen readers, when the room is not live for us. */
export function ConnectionBanner({ status, notice }: { status: ConnectionStatus; notice: RoomNotice | null }) {
  const words = useMessages();
  const key = messages[status];
  return (
    <div aria-live="polite" data-connection={status}>
      {key && <p className={`alert ${status === 'connecting' ? 'alert--info' : 'alert--warning'}`}>{words.t(key)}</p>}
      {notice && status === 'connected' && (
        <p className="alert alert--warning" data-notice={notice.kind === 'refused' ? notice.code : notice.kind}>
          {noticeText(notice, words)}
        </p>
      )}
    </div>
  );
}
