import type { Poc, SearchHit } from '../api/types.ts';
import { emptyPocQuery, pocQueryHref } from '../lib/pocQuery.ts';
import { Link } from '../router.tsx';
import { Highlight } from './Highlight.tsx';

/** One POC in a list or in search results; `query` marks the words the search matched. */
export function PocCard({ poc, query = '', ownerName }: { poc: Poc | SearchHit; query?: string; ownerName?: string }) {
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
        {poc.status && <span className={`badge badge--${poc.status}`}>{poc.status}</span>}
        {(poc.languages ?? []).map((language) => (
          <Link
            key={`l-${language}`}
            to={pocQueryHref({ ...emptyPocQuery, languages: [language] })}
            className="chip chip--language"
            title={`Show POCs in ${language}`}
          >
            <Highlight text={language} query={query} />
          </Link>
        ))}
        {(poc.tags ?? []).map((tag) => (
          <Link
            key={`t-${tag}`}
            to={pocQueryHref({ ...emptyPocQuery, tags: [tag] })}
            className="chip"
            title={`Show POCs tagged #${tag}`}
          >
            #<Highlight text={tag} query={query} />
          </Link>
        ))}
        {ownerName && <span className="muted">by {ownerName}</span>}
      </p>
    </li>
  );
}
