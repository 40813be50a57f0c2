import { useServices } from '../AppContext.tsx';
import { saveDojoAsPoc } from '../api/dojos.ts';
import type { Dojo } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { Link } from '../router.tsx';

/**
 * A finished dojo kept in the POC registry: its facilitator (or an admin) saves it once, with the
 * kata, the traffic lights, the participants and the final files; afterwards, a link to that POC.
 */
export function SaveAsPoc({
  dojo,
  mayManage,
  onSaved,
}: {
  dojo: Dojo;
  mayManage: boolean;
  onSaved: (pocId: string) => void;
}) {
  const { api } = useServices();
  const { t } = useMessages();
  const save = useAsyncAction(async () => {
    const { poc } = await saveDojoAsPoc(api, dojo.id);
    onSaved(poc.id);
  });
  if (dojo.pocId) {
    return (
      <p className="alert alert--info" role="status">
        {t('dojo.save_poc.saved')} <Link to={`/pocs/${dojo.pocId}`}>{t('dojo.save_poc.open')}</Link>
      </p>
    );
  }
  if (!mayManage) return null;
  return (
    <section aria-labelledby="save-poc-title" className="panel">
      <h2 id="save-poc-title">{t('dojo.save_poc.title')}</h2>
      <p className="muted">{t('dojo.save_poc.intro')}</p>
      <ProblemAlert error={save.error} />
      <button type="button" className="button" disabled={save.busy} onClick={() => void save.run()}>
        {save.busy ? t('dojo.save_poc.saving') : t('dojo.save_poc.save')}
      </button>
    </section>
  );
}
