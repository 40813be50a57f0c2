import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { createKata, deleteKata, getKata, listKatas, updateKata } from '../api/dojos.ts';
import type { KataInput } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';
import { KataForm } from './KataForm.tsx';

/** The kata catalogue: the built-in classics, and the team's own katas to write, change and delete. */
export function KatasPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const katas = useResource((signal) => listKatas(api, signal), []);
  const [editing, setEditing] = useState<KataInput | 'new' | null>(null);
  const open = useAsyncAction(async (id: string) => {
    const kata = await getKata(api, id);
    setEditing({
      id: kata.id,
      title: kata.title,
      summary: kata.summary,
      description: kata.description,
      difficulty: kata.difficulty,
      tags: kata.tags,
      starters: (kata as unknown as KataInput).starters,
    });
  });
  const remove = useAsyncAction(async (id: string) => {
    await deleteKata(api, id);
    katas.reload();
  });
  const own = (katas.data ?? []).filter((kata) => !kata.builtin);
  const builtin = (katas.data ?? []).filter((kata) => kata.builtin);
  return (
    <section aria-labelledby="katas-title" className="stack">
      <h1 id="katas-title">{t('kata.page.title')}</h1>
      <ProblemAlert error={katas.error ?? open.error ?? remove.error} />
      {editing ? (
        <KataForm
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (kata) => {
            await (editing === 'new' ? createKata(api, kata) : updateKata(api, kata));
            setEditing(null);
            katas.reload();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('kata.page.new')}
        </button>
      )}
      <section aria-labelledby="own-katas" className="card">
        <h2 id="own-katas">{t('kata.page.own')}</h2>
        {own.length === 0 ? (
          <p className="muted">{t('kata.page.own_empty')}</p>
        ) : (
          <ul className="kata-list" aria-label={t('kata.page.own')}>
            {own.map((kata) => (
              <li key={kata.id}>
                <strong>{kata.title}</strong>{' '}
                <span className="muted">
                  · {kata.languages.join(', ')} · {kata.summary}
                </span>{' '}
                <button type="button" className="button button--small" onClick={() => void open.run(kata.id)}>
                  {t('kata.page.edit', { title: kata.title })}
                </button>{' '}
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() =>
                    window.confirm(t('kata.page.delete_confirm', { title: kata.title })) && void remove.run(kata.id)
                  }
                >
                  {t('kata.page.delete', { title: kata.title })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="builtin-katas" className="card">
        <h2 id="builtin-katas">{t('kata.page.classics')}</h2>
        <ul className="kata-list">
          {builtin.map((kata) => (
            <li key={kata.id}>
              <strong>{kata.title}</strong>{' '}
              <span className="muted">
                · {t('kata.difficulty', { difficulty: kata.difficulty })} · {kata.summary}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
