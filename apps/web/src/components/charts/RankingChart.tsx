import { useMessages } from '../../i18n/useMessages.ts';

/**
 * Horizontal bars, one per label, largest first. Each bar is a button: choosing
 * it filters the page by that label (the selected one is pressed; choosing it
 * again clears the filter). Plain HTML, so it works with the keyboard and a
 * screen reader reads "Go, 4 POCs" (the visible text, with the hidden words between).
 */
export function RankingChart({
  title,
  items,
  selected,
  onSelect,
  limit = 10,
}: {
  title: string;
  items: { key: string; label: string; value: number }[];
  selected?: string | null;
  onSelect?: (key: string | null) => void;
  limit?: number;
}) {
  const { t, locale } = useMessages();
  const number = new Intl.NumberFormat(locale);
  const shown = items.slice(0, limit);
  const max = Math.max(1, ...shown.map((item) => item.value));
  return (
    <figure className="chart ranking" aria-label={title}>
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p className="muted">{t('analytics.chart.empty')}</p>
      ) : (
        <ol className="ranking__list">
          {shown.map((item) => {
            const pressed = selected?.toLowerCase() === item.key.toLowerCase();
            const bar = (
              <>
                <span className="ranking__label">{item.label}</span>
                <span className="visually-hidden">, </span>
                <span className="ranking__track" aria-hidden="true">
                  <span className="ranking__bar" style={{ width: `${(item.value / max) * 100}%` }} />
                </span>
                <span className="ranking__value">
                  {number.format(item.value)}
                  <span className="visually-hidden"> {t('analytics.pocs_unit', { count: item.value })}</span>
                </span>
              </>
            );
            return (
              <li key={item.key}>
                {onSelect ? (
                  <button
                    type="button"
                    className="ranking__row"
                    aria-pressed={pressed}
                    title={pressed ? t('analytics.chart.show_all') : t('analytics.chart.only', { label: item.label })}
                    onClick={() => onSelect(pressed ? null : item.key)}
                  >
                    {bar}
                  </button>
                ) : (
                  <div
                    className="ranking__row"
                    role="img"
                    aria-label={t('analytics.bar', { label: item.label, count: item.value })}
                  >
                    {bar}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {items.length > shown.length && (
        <p className="muted">{t('analytics.chart.more', { count: items.length - shown.length })}</p>
      )}
    </figure>
  );
}
