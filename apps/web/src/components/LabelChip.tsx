import { emptyPocQuery, pocQueryHref } from '../lib/pocQuery.ts';
import { Link } from '../router.tsx';
import { Highlight } from './Highlight.tsx';

/** A language or tag as a chip that opens the POC list filtered by it. */
export function LabelChip({ kind, label, query = '' }: { kind: 'language' | 'tag'; label: string; query?: string }) {
  const isTag = kind === 'tag';
  return (
    <Link
      to={pocQueryHref({ ...emptyPocQuery, ...(isTag ? { tags: [label] } : { languages: [label] }) })}
      className={isTag ? 'chip' : 'chip chip--language'}
      title={isTag ? `Show POCs tagged #${label}` : `Show POCs in ${label}`}
    >
      {isTag && '#'}
      <Highlight text={label} query={query} />
    </Link>
  );
}
