import { useState } from 'react';
import { useMessages } from '../../i18n/useMessages.ts';

export interface MonthSeries {
  name: string;
  values: number[];
  /** CSS colour of its columns and legend swatch. */
  color: string;
}

/**
 * Columns per month, one per series side by side. Pointing at (or focusing) a
 * month shows its values; the legend turns a series on and off.
 */
export function MonthChart({
  title,
  months,
  series,
}: {
  title: string;
  /** Labels of the months, in order. */
  months: { key: string; short: string; long: string }[];
  series: MonthSeries[];
}) {
  const { t, locale } = useMessages();
  const number = new Intl.NumberFormat(locale);
  const [hidden, setHidden] = useState<string[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const visible = series.filter((s) => !hidden.includes(s.name));
  const max = Math.max(1, ...visible.flatMap((s) => s.values));
  const detail = (index: number) =>
    t('analytics.month_detail', {
      month: months[index]?.long ?? '',
      values: visible.map((s) => `${s.name} ${number.format(s.values[index] ?? 0)}`).join(', '),
    });
  return (
    <figure className="chart months" aria-label={title}>
      <figcaption>{title}</figcaption>
      {series.length > 1 && (
        <div className="months__legend">
          {series.map((s) => (
            <button
              key={s.name}
              type="button"
              className="months__series"
              aria-pressed={!hidden.includes(s.name)}
              onClick={() =>
                setHidden((list) => (list.includes(s.name) ? list.filter((n) => n !== s.name) : [...list, s.name]))
              }
            >
              <span className="months__swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.name}
            </button>
          ))}
        </div>
      )}
      <p className="months__detail" aria-live="polite">
        {active === null ? '\u00a0' : detail(active)}
      </p>
      <ol className="months__plot">
        {months.map((month, index) => (
          <li key={month.key} className="months__month">
            <button
              type="button"
              className="months__columns"
              aria-label={detail(index)}
              data-month={month.key}
              onMouseEnter={() => setActive(index)}
              onFocus={() => setActive(index)}
              onMouseLeave={() => setActive(null)}
              onBlur={() => setActive(null)}
            >
              {visible.map((s) => (
                <span
                  key={s.name}
                  className="months__column"
                  style={{ height: `${((s.values[index] ?? 0) / max) * 100}%`, background: s.color }}
                />
              ))}
            </button>
            <span className="months__label" aria-hidden="true">
              {month.short}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
