import { useEffect, useState } from 'react';
import type { AppNotification } from '../api/notifications.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useNotifications } from '../lib/useNotifications.ts';
import { navigate } from '../router.tsx';

/**
 * The bell in the banner: the unread count, kept live by notifier's event
 * stream (no polling), and a panel of the latest notifications that marks one
 * read when it is opened, or all at once.
 */
export function NotificationBell() {
  const client = useNotifications();
  const { t, formatDateTime } = useMessages();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);

  useEffect(() => {
    if (!client) return;
    const stop = new AbortController();
    void client.watchUnread(setUnread, stop.signal);
    return () => stop.abort();
  }, [client]);

  // Reloaded whenever the count moves while the panel is open, so new ones appear in it.
  const [loadedAt, setLoadedAt] = useState(-1);
  if (open && loadedAt !== unread) setLoadedAt(unread);
  useEffect(() => {
    if (!client || !open || loadedAt < 0) return;
    const stop = new AbortController();
    client.list(undefined, stop.signal).then(
      (page) => setItems(page.items),
      () => setItems([]),
    );
    return () => stop.abort();
  }, [client, open, loadedAt]);

  if (!client) return null;
  // The page opens at once; the notification is marked read behind it (the count follows from the live stream).
  const openOne = (item: AppNotification) => {
    if (!item.readAt) void client.markRead(item.id).catch(() => undefined);
    setOpen(false);
    if (item.link) navigate(item.link);
  };
  return (
    <div className="bell">
      <button
        type="button"
        className="button button--ghost bell__button"
        aria-label={t('notifications.bell.button', { unread: t('notifications.bell.unread', { count: unread }) })}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg
          aria-hidden="true"
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" data-testid="bell-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section className="bell__panel" aria-label={t('notifications.bell.title')}>
          <div className="bell__head">
            <strong>{t('notifications.bell.title')}</strong>
            <button type="button" className="bell__all" onClick={() => void client.markAllRead()}>
              {t('notifications.bell.mark_all')}
            </button>
          </div>
          {items === null && <p aria-live="polite">{t('notifications.bell.loading')}</p>}
          {items?.length === 0 && <p>{t('notifications.bell.empty')}</p>}
          <ul className="bell__list">
            {items?.map((item) => (
              <li key={item.id} className={item.readAt ? 'bell__item' : 'bell__item bell__item--unread'}>
                <button type="button" className="bell__open" onClick={() => void openOne(item)}>
                  <strong>{item.title}</strong>
                  <span>{item.body}</span>
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
