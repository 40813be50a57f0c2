import { useServices } from '../AppContext.tsx';
import { getAnalytics } from '../api/analytics.ts';
import { MonthChart } from '../components/charts/MonthChart.tsx';
import { RankingChart } from '../components/charts/RankingChart.tsx';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { type Period, type PeriodPreset, periodFor, periodProblem, toApiWindow } from '../lib/period.ts';
import { useResource } from '../lib/useResource.ts';
import { navigate, useLocation } from '../router.tsx';

/** The page's filters live in the URL, so a view can be bookmarked, shared and reached again with Back. */
function readFilters(search: URLSearchParams) {
  const preset = (['thisYear', 'lastYear', 'range'] as const).find((p) => p === search.get('period')) ?? 'thisYear';
  const period = periodFor(preset as PeriodPreset, new Date(), {
    from: search.get('from') ?? '',
    until: search.get('until') ?? '',
  });
  return {
    period,
    memberId: search.get('member') ?? '',
    language: search.get('language') ?? '',
    tag: search.get('tag') ?? '',
  };
}

type Filters = ReturnType<typeof readFilters>;

function writeFilters(filters: Filters): void {
  const params = new URLSearchParams({ period: filters.period.preset });
  if (filters.period.preset === 'range') {
    params.set('from', filters.period.from);
    params.set('until', filters.period.until);
  }
  if (filters.memberId) params.set('member', filters.memberId);
  if (filters.language) params.set('language', filters.language);
  if (filters.tag) params.set('tag', filters.tag);
  navigate(`/analytics?${params}`, { replace: true });
}

/**
 * The report's figures as charts to look at: the same numbers as the PDF (one
 * definition, computed by the API), filtered by period, member, language and tag.
 */
export function AnalyticsPage() {
  const { api } = useServices();
  const { t, locale } = useMessages();
  const { search } = useLocation();
  const filters = readFilters(search);
  const invalid = filters.period.preset === 'range' ? periodProblem(filters.period) : null;
  const apiWindow = invalid ? null : toApiWindow(filters.period);
  const key = [apiWindow?.from, apiWindow?.to, filters.memberId, filters.language, filters.tag].join('|');
  const figures = useResource(
    (signal) =>
      apiWindow
        ? getAnalytics(
            api,
            {
              ...apiWindow,
              memberId: filters.memberId || undefined,
              language: filters.language || undefined,
              tag: filters.tag || undefined,
            },
            signal,
          )
        : Promise.resolve(null),
    [key],
  );
  const data = figures.data;
  const update = (change: Partial<Filters>) => writeFilters({ ...filters, ...change });
  const monthFormat = (style: 'short' | 'long') =>
    new Intl.DateTimeFormat(locale, {
      month: style,
      ...(style === 'long' ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const months = (data?.byMonth ?? []).map((m) => {
    const date = new Date(`${m.month}-01T00:00:00Z`);
    return { key: m.month, short: monthFormat('short').format(date), long: monthFormat('long').format(date) };
  });
  const memberName = (id: string, name: string) =>
    data?.options.members.some((m) => m.id === id) ? name : t('analytics.former_member');
  const active = [
    filters.memberId && {
      label: t('analytics.chip.member', {
        name: data?.options.members.find((m) => m.id === filters.memberId)?.name ?? '…',
      }),
      clear: { memberId: '' },
    },
    filters.language && {
      label: t('analytics.chip.language', { language: filters.language }),
      clear: { language: '' },
    },
    filters.tag && { label: t('analytics.chip.tag', { tag: filters.tag }), clear: { tag: '' } },
  ].filter(Boolean) as { label: string; clear: Partial<Filters> }[];

  return (
    <section aria-labelledby="analytics-title" className="stack analytics">
      <h1 id="analytics-title">{t('analytics.title')}</h1>
      <p className="muted">{t('analytics.intro')}</p>
      <div className="card analytics__filters">
        <PeriodPicker value={filters.period} onChange={(period: Period) => update({ period })} />
        <div className="row">
          <SelectField
            label={t('analytics.filter.member')}
            value={filters.memberId}
            onChange={(e) => update({ memberId: e.target.value })}
            options={[
              { value: '', label: t('analytics.filter.everyone') },
              ...(data?.options.members ?? []).map((m) => ({ value: m.id, label: m.name })),
            ]}
          />
          <SelectField
            label={t('analytics.filter.language')}
            value={filters.language}
            onChange={(e) => update({ language: e.target.value })}
            options={[
              { value: '', label: t('analytics.filter.all_languages') },
              ...withSelected(data?.options.languages ?? [], filters.language).map((l) => ({ value: l, label: l })),
            ]}
          />
          <SelectField
            label={t('analytics.filter.tag')}
            value={filters.tag}
            onChange={(e) => update({ tag: e.target.value })}
            options={[
              { value: '', label: t('analytics.filter.all_tags') },
              ...withSelected(data?.options.tags ?? [], filters.tag).map((tag) => ({ value: tag, label: `#${tag}` })),
            ]}
          />
        </div>
        {active.length > 0 && (
          <ul className="chips" aria-label={t('analytics.chips')}>
            {active.map((filter) => (
              <li key={filter.label}>
                <button type="button" className="chip" onClick={() => update(filter.clear)}>
                  {filter.label} <span aria-hidden="true">×</span>
                  <span className="visually-hidden"> {t('analytics.chip.remove')}</span>
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => update({ memberId: '', language: '', tag: '' })}
              >
                {t('analytics.clear_all')}
              </button>
            </li>
          </ul>
        )}
      </div>
      <ProblemAlert error={figures.error} />
      {figures.loading && !data && <p aria-live="polite">{t('analytics.loading')}</p>}
      {data && (
        <div className="stack" aria-busy={figures.loading} data-figures-for={key}>
          <ul className="tiles" aria-label={t('analytics.totals')}>
            {(
              [
                [t('analytics.total.pocs'), data.totals.pocs],
                [t('analytics.total.started'), data.totals.started],
                [t('analytics.total.finished'), data.totals.done],
                [t('analytics.total.members'), data.totals.members],
                [t('analytics.total.owners'), data.totals.owners],
                [t('analytics.total.languages'), data.totals.languages],
                [t('analytics.total.tags'), data.totals.tags],
              ] as const
            ).map(([label, value]) => (
              <li key={label} className="tile">
                <span className="tile__value">{number.format(value)}</span>
                <span className="tile__label">{label}</span>
              </li>
            ))}
          </ul>
          <div className="analytics__grid">
            <MonthChart
              title={t('analytics.chart.per_month')}
              months={months}
              series={[
                { name: t('analytics.series.pocs'), values: data.byMonth.map((m) => m.count), color: '#1a5fb4' },
              ]}
            />
            <MonthChart
              title={t('analytics.chart.new_vs_finished')}
              months={months}
              series={[
                {
                  name: t('analytics.series.new'),
                  values: data.newVersusFinished.map((m) => m.started),
                  color: '#1a5fb4',
                },
                {
                  name: t('analytics.series.finished'),
                  values: data.newVersusFinished.map((m) => m.finished),
                  color: '#2f855a',
                },
              ]}
            />
            <RankingChart
              title={t('analytics.chart.funnel')}
              items={data.funnel.map((s) => ({
                key: s.stage,
                label: t('analytics.stage', { stage: s.stage, rate: percent.format(s.rate) }),
                value: s.reached,
              }))}
            />
            <RankingChart
              title={t('analytics.chart.status')}
              items={data.byStatus.map((s) => ({
                key: s.status,
                label: t('analytics.status', { status: s.status }),
                value: s.count,
              }))}
            />
            <RankingChart
              title={t('analytics.chart.per_language')}
              items={data.byLanguage.map((c) => ({ key: c.name, label: c.name, value: c.count }))}
              selected={filters.language}
              onSelect={(language) => update({ language: language ?? '' })}
            />
            <RankingChart
              title={t('analytics.chart.tags')}
              items={data.byTag.map((c) => ({ key: c.name, label: `#${c.name}`, value: c.count }))}
              selected={filters.tag}
              onSelect={(tag) => update({ tag: tag ?? '' })}
            />
            <RankingChart
              title={t('analytics.chart.per_member')}
              items={data.byMember.map((m) => ({
                key: m.memberId,
                label: memberName(m.memberId, m.name),
                value: m.count,
              }))}
              selected={filters.memberId}
              onSelect={(memberId) => update({ memberId: memberId ?? '' })}
            />
          </div>
          <details className="card analytics__notes">
            <summary>{t('analytics.notes.title')}</summary>
            <ul>
              <li>{t('analytics.notes.period')}</li>
              <li>{t('analytics.notes.started')}</li>
              <li>{t('analytics.notes.finished')}</li>
              <li>{t('analytics.notes.members')}</li>
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}

/** The options, with the selected value kept even when the period no longer has it. */
function withSelected(options: string[], selected: string): string[] {
  return selected && !options.some((o) => o.toLowerCase() === selected.toLowerCase())
    ? [selected, ...options]
    : options;
}
