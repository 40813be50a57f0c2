import { emptyPocQuery, pocQueryHref } from '../lib/pocQuery.ts';
import { Link } from '../router.tsx';

/** A language or tag as a chip that opens the POC list filtered by it. */
export function LabelChip({ kind, label }: { kind: 'language' | 'tag'; label: string }) {
  const isTag = kind === 'tag';
  return (
    <Link
      to={pocQueryHref({ ...emptyPocQuery, ...(isTag ? { tags: [label] } : { languages: [label] }) })}
      className={isTag ? 'chip' : 'chip chip--language'}
      title={isTag ? `Show POCs tagged #${label}` : `Show POCs in ${label}`}
    >
      {isTag && '#'}
      {label}
    </Link>
  );
}
