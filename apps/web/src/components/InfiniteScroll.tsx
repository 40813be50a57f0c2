import { useEffect, useRef } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/**
 * Calls `onMore` when the sentinel scrolls into view. A visible "Load more"
 * button stays as the keyboard and assistive-technology path.
 */
export function InfiniteScroll({ onMore, busy, hasMore }: { onMore: () => void; busy: boolean; hasMore: boolean }) {
  const { t } = useMessages();
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !busy) onMore();
      },
      { rootMargin: '400px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [onMore, busy, hasMore]);
  if (!hasMore) return null;
  return (
    <div ref={sentinel} className="load-more">
      <button type="button" className="button button--ghost" onClick={onMore} disabled={busy}>
        {busy ? t('poc.list.loading') : t('poc.list.load_more')}
      </button>
    </div>
  );
}
