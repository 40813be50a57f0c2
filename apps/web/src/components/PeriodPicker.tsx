import { useId } from 'react';
import { useMessages } from '../i18n/useMessages.ts';
import { type Period, type PeriodPreset, periodFor, periodLabel, periodProblem, presetLabel } from '../lib/period.ts';
import { Field } from './Field.tsx';

/**
 * Asks for a period the way people think of it: this year, last year, or a
 * range whose last day is included. The API's exclusive end stays out of sight
 * (`toApiWindow`).
 */
export function PeriodPicker({
  value,
  onChange,
  error,
}: {
  value: Period;
  onChange: (period: Period) => void;
  /** The server's message about the period, if any. */
  error?: string;
}) {
  const words = useMessages();
  const { t, locale } = words;
  const name = useId();
  const presets: PeriodPreset[] = ['thisYear', 'lastYear', 'range'];
  const problem = value.preset === 'range' ? periodProblem(value) : null;
  return (
    <fieldset className="period">
      <legend>{t('period.legend')}</legend>
      <div className="period__presets">
        {presets.map((preset) => (
          <label key={preset} className="period__preset">
            <input
              type="radio"
              name={name}
              value={preset}
              checked={value.preset === preset}
              onChange={() => onChange(periodFor(preset, new Date(), value))}
            />
            {presetLabel(preset, words)}
          </label>
        ))}
      </div>
      {value.preset === 'range' ? (
        <div className="row">
          <Field
            label={t('period.first_day')}
            type="date"
            value={value.from}
            onChange={(e) => onChange({ ...value, from: e.target.value })}
          />
          <Field
            label={t('period.last_day')}
            type="date"
            value={value.until}
            min={value.from}
            onChange={(e) => onChange({ ...value, until: e.target.value })}
          />
        </div>
      ) : null}
      <p className="muted period__summary" aria-live="polite">
        {problem ? t(problem) : periodLabel(value.from, value.until, locale)}
      </p>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
