import { useMessages } from '../i18n/useMessages.ts';
import { emptyPocQuery, pocQueryHref } from '../lib/pocQuery.ts';
import { Link } from '../router.tsx';

/** A language or tag as a chip that opens the POC list filtered by it. */
export function LabelChip({ kind, label }: { kind: 'language' | 'tag'; label: string }) {
  const { t } = useMessages();
  const isTag = kind === 'tag';
  return (
    <Link
      to={pocQueryHref({ ...emptyPocQuery, ...(isTag ? { tags: [label] } : { languages: [label] }) })}
      className={isTag ? 'chip' : 'chip chip--language'}
      title={isTag ? t('poc.chip.tag_title', { tag: label }) : t('poc.chip.language_title', { language: label })}
    >
      {isTag && '#'}
      {label}
    </Link>
  );
}
