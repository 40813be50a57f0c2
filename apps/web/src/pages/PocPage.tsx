import { lazy, Suspense, useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { deletePoc, getPoc } from '../api/pocs.ts';
import type { Member } from '../api/types.ts';
import { AttachmentsPanel } from '../components/AttachmentsPanel.tsx';
import { LabelChip } from '../components/LabelChip.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { takeFlash } from '../lib/flash.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';
import { Link, navigate } from '../router.tsx';

const MarkdownText = lazy(() => import('../components/MarkdownText.tsx'));

const date = (iso: string | null) =>
  iso
    ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString(undefined, { dateStyle: 'long' })
    : '—';

/** A POC as people read it: description rendered, links, owner, dates, files; Edit is an action. */
export function PocPage({ id }: { id: string }) {
  const { api } = useServices();
  const poc = useResource((signal) => getPoc(api, id, signal), [id]);
  const members = useResource(
    (signal) => api.get<{ items: Member[] }>('/v1/members', { signal }).catch(() => ({ items: [] as Member[] })),
    [],
  );
  const [flash] = useState(takeFlash);
  const [shownFlash, setShownFlash] = useState(flash);
  useEffect(() => {
    if (!shownFlash) return;
    const timer = setTimeout(() => setShownFlash(null), 6000);
    return () => clearTimeout(timer);
  }, [shownFlash]);
  const remove = useAsyncAction(async () => {
    if (!poc.data || !window.confirm(`Delete "${poc.data.name}"? This cannot be undone.`)) return;
    await deletePoc(api, poc.data.id);
    navigate('/pocs', { replace: true });
  });

  if (poc.error) return <ProblemAlert error={poc.error} />;
  if (!poc.data) return <p aria-live="polite">Loading…</p>;
  const p = poc.data;
  const owner = members.data?.items.find((m) => m.id === p.ownerId);
  return (
    <div className="stack">
      <p className="saved" role="status">
        {shownFlash ? `✓ ${shownFlash}` : ''}
      </p>
      <article className="card poc-view" aria-labelledby="poc-title">
        <div className="page-head">
          <h1 id="poc-title">{p.name}</h1>
          <div className="actions">
            <Link to={`/pocs/${p.id}/edit`} className="button">
              Edit
            </Link>
            <button type="button" className="button button--danger" onClick={() => void remove.run()}>
              Delete
            </button>
          </div>
        </div>
        <ProblemAlert error={remove.error} />
        <p className="chips">
          <span className={`badge badge--${p.status}`}>{p.status}</span>
          {p.languages.map((language) => (
            <LabelChip key={`l-${language}`} kind="language" label={language} />
          ))}
          {p.tags.map((tag) => (
            <LabelChip key={`t-${tag}`} kind="tag" label={tag} />
          ))}
        </p>
        {p.description ? (
          <Suspense fallback={<p className="poc-view__plain">{p.description}</p>}>
            <MarkdownText text={p.description} />
          </Suspense>
        ) : (
          <p className="muted">No description yet.</p>
        )}
        <dl className="poc-view__facts">
          <dt>Owner</dt>
          <dd>{owner?.name ?? '—'}</dd>
          <dt>Repository</dt>
          <dd>
            {p.repoUrl ? (
              <a href={p.repoUrl} rel="noopener noreferrer" target="_blank">
                {p.repoUrl}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt>Started</dt>
          <dd>{date(p.startedAt)}</dd>
          <dt>Finished</dt>
          <dd>{date(p.finishedAt)}</dd>
          <dt>Registered</dt>
          <dd>{date(p.createdAt)}</dd>
          <dt>Last changed</dt>
          <dd>
            {date(p.updatedAt)} (version {p.version})
          </dd>
        </dl>
      </article>
      <AttachmentsPanel pocId={p.id} />
    </div>
  );
}
