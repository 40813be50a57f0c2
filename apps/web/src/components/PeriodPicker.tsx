import { useId } from 'react';
import { type Period, type PeriodPreset, periodFor, periodLabel, periodProblem } from '../lib/period.ts';
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
  const name = useId();
  const year = new Date().getFullYear();
  const presets: { preset: PeriodPreset; label: string }[] = [
    { preset: 'thisYear', label: `This year (${year})` },
    { preset: 'lastYear', label: `Last year (${year - 1})` },
    { preset: 'range', label: 'Dates of my choice' },
  ];
  const problem = value.preset === 'range' ? periodProblem(value) : null;
  return (
    <fieldset className="period">
      <legend>Period</legend>
      <div className="period__presets">
        {presets.map(({ preset, label }) => (
          <label key={preset} className="period__preset">
            <input
              type="radio"
              name={name}
              value={preset}
              checked={value.preset === preset}
              onChange={() => onChange(periodFor(preset, new Date(), value))}
            />
            {label}
          </label>
        ))}
      </div>
      {value.preset === 'range' ? (
        <div className="row">
          <Field
            label="First day"
            type="date"
            value={value.from}
            onChange={(e) => onChange({ ...value, from: e.target.value })}
          />
          <Field
            label="Last day (included)"
            type="date"
            value={value.until}
            min={value.from}
            onChange={(e) => onChange({ ...value, until: e.target.value })}
          />
        </div>
      ) : null}
      <p className="muted period__summary" aria-live="polite">
        {problem ?? periodLabel(value.from, value.until, document.documentElement.lang || undefined)}
      </p>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
