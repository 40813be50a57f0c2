import { lazy, Suspense, useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { deletePoc, getPoc } from '../api/pocs.ts';
import type { Member } from '../api/types.ts';
import { AttachmentsPanel } from '../components/AttachmentsPanel.tsx';
import { LabelChip } from '../components/LabelChip.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { takeFlash } from '../lib/flash.ts';
import { statusLabels } from '../lib/pocStatusLabels.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';
import { Link, navigate } from '../router.tsx';

const MarkdownText = lazy(() => import('../components/MarkdownText.tsx'));

/** A POC as people read it: description rendered, links, owner, dates, files; Edit is an action. */
export function PocPage({ id }: { id: string }) {
  const { api } = useServices();
  const { t, formatDate } = useMessages();
  const date = (iso: string | null) => (iso ? formatDate(iso) : '—');
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
    if (!poc.data || !window.confirm(t('poc.view.delete_confirm', { name: poc.data.name }))) return;
    await deletePoc(api, poc.data.id);
    navigate('/pocs', { replace: true });
  });

  if (poc.error) return <ProblemAlert error={poc.error} />;
  if (!poc.data) return <p aria-live="polite">{t('poc.loading')}</p>;
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
              {t('poc.view.edit')}
            </Link>
            <button type="button" className="button button--danger" onClick={() => void remove.run()}>
              {t('poc.view.delete')}
            </button>
          </div>
        </div>
        <ProblemAlert error={remove.error} />
        <p className="chips">
          <span className={`badge badge--${p.status}`}>{t(statusLabels[p.status])}</span>
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
          <p className="muted">{t('poc.view.no_description')}</p>
        )}
        <dl className="poc-view__facts">
          <dt>{t('poc.view.owner')}</dt>
          <dd>{owner?.name ?? '—'}</dd>
          <dt>{t('poc.view.repository')}</dt>
          <dd>
            {p.repoUrl ? (
              <a href={p.repoUrl} rel="noopener noreferrer" target="_blank">
                {p.repoUrl}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('poc.view.started')}</dt>
          <dd>{date(p.startedAt)}</dd>
          <dt>{t('poc.view.finished')}</dt>
          <dd>{date(p.finishedAt)}</dd>
          <dt>{t('poc.view.registered')}</dt>
          <dd>{date(p.createdAt)}</dd>
          <dt>{t('poc.view.changed')}</dt>
          <dd>{t('poc.view.changed_value', { date: date(p.updatedAt), version: p.version })}</dd>
        </dl>
      </article>
      <AttachmentsPanel pocId={p.id} />
    </div>
  );
}
