import type { Poc, SearchHit } from '../api/types.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { statusLabels } from '../lib/pocStatusLabels.ts';
import { Link } from '../router.tsx';
import { Highlight } from './Highlight.tsx';
import { LabelChip } from './LabelChip.tsx';

/** One POC in a list or in search results; a search hit shows what the search matched. */
export function PocCard({ poc, ownerName }: { poc: Poc | SearchHit; ownerName?: string }) {
  const highlight = 'highlight' in poc ? poc.highlight : undefined;
  const { t } = useMessages();
  return (
    <li className="poc-card">
      <h3>
        <Link to={`/pocs/${poc.id}`}>{highlight ? <Highlight markup={highlight.name} /> : poc.name}</Link>
      </h3>
      {poc.description && (
        <p className="poc-card__description">
          {highlight?.description ? <Highlight markup={highlight.description} /> : poc.description}
        </p>
      )}
      <p className="chips">
        {poc.status && <span className={`badge badge--${poc.status}`}>{t(statusLabels[poc.status])}</span>}
        {(poc.languages ?? []).map((language) => (
          <LabelChip key={`l-${language}`} kind="language" label={language} />
        ))}
        {(poc.tags ?? []).map((tag) => (
          <LabelChip key={`t-${tag}`} kind="tag" label={tag} />
        ))}
        {ownerName && <span className="muted">{t('poc.card.by', { name: ownerName })}</span>}
      </p>
    </li>
  );
}
