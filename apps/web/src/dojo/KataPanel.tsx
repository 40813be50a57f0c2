import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { useServices } from '../AppContext.tsx';
import { getKata } from '../api/dojos.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useResource } from '../lib/useResource.ts';

/**
 * The kata's instructions beside the code. The markdown comes from the tenant's kata (a team may write
 * its own), so it is rendered without raw HTML (GitHub-flavoured: the katas use tables): react-markdown builds React elements, never innerHTML,
 * drops HTML in the source and neutralises javascript: and other unsafe link targets.
 */
export function KataPanel({ kataId }: { kataId: string }) {
  const { api } = useServices();
  const { t } = useMessages();
  const kata = useResource((signal) => getKata(api, kataId, signal), [kataId]);
  if (kata.error) return null;
  return (
    <details className="panel kata" open>
      <summary>
        <h2 className="kata__title">
          {kata.data ? t('kata.panel.title_named', { title: kata.data.title }) : t('kata.panel.title')}
        </h2>
      </summary>
      {kata.data ? (
        <section className="kata__text" data-testid="kata-instructions" aria-label={t('kata.panel.instructions')}>
          <Markdown skipHtml remarkPlugins={[remarkGfm]}>
            {kata.data.description}
          </Markdown>
        </section>
      ) : (
        <p aria-live="polite">{t('kata.panel.loading')}</p>
      )}
    </details>
  );
}
