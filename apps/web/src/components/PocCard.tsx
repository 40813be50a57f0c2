import type { Poc, SearchHit } from '../api/types.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { statusLabels } from '../lib/pocStatusLabels.ts';
import { Link } from '../router.tsx';
import { Highlight } from './Highlight.tsx';
import { LabelChip } from './LabelChip.tsx';

/** One POC in a list or in search results; `query` marks the words the search matched. */
export function PocCard({ poc, query = '', ownerName }: { poc: Poc | SearchHit; query?: string; ownerName?: string }) {
  const { t } = useMessages();
  return (
    <li className="poc-card">
      <h3>
        <Link to={`/pocs/${poc.id}`}>
          <Highlight text={poc.name} query={query} />
        </Link>
      </h3>
      {poc.description && (
        <p className="poc-card__description">
          <Highlight text={poc.description} query={query} />
        </p>
      )}
      <p className="chips">
        {poc.status && <span className={`badge badge--${poc.status}`}>{t(statusLabels[poc.status])}</span>}
        {(poc.languages ?? []).map((language) => (
          <LabelChip key={`l-${language}`} kind="language" label={language} query={query} />
        ))}
        {(poc.tags ?? []).map((tag) => (
          <LabelChip key={`t-${tag}`} kind="tag" label={tag} query={query} />
        ))}
        {ownerName && <span className="muted">{t('poc.card.by', { name: ownerName })}</span>}
      </p>
    </li>
  );
}
