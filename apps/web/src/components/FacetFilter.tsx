import { useMessages } from '../i18n/useMessages.ts';
/** Checkboxes for one facet with the count of matching POCs per value. */
export function FacetFilter({
  title,
  counts,
  selected,
  onToggle,
}: {
  title: string;
  counts: Record<string, number>;
  selected: string[];
  onToggle: (value: string) => void;
}) {
  const { t } = useMessages();
  const values = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const value of selected) if (!(value in counts)) values.push([value, 0]);
  if (values.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend>{title}</legend>
      {values.map(([value, count]) => (
        <label key={value} className="facet__option">
          <input type="checkbox" checked={selected.includes(value)} onChange={() => onToggle(value)} />
          <span>{value}</span>
          <span className="facet__count">
            <span aria-hidden="true">{count}</span>
            <span className="visually-hidden">{t('poc.facet.count', { count })}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
