import { useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';
import { navigate } from '../router.tsx';
import { TeamDeletionSection } from './TeamDeletionSection.tsx';

interface TeamSettings {
  exportRetentionDays: number | null;
  departingMemberPocs: 'transfer' | 'delete';
}

/**
 * What PocDojo stores, where, for how long and how to exercise each LGPD right;
 * open to anyone. A member also sees the team's retention, which an owner edits here.
 */
export function PrivacyPage() {
  const { api } = useServices();
  const session = useSession();
  const { t, locale } = useMessages();
  const settings = useResource(
    (signal) => (session ? api.get<TeamSettings>('/v1/team/settings', { signal }) : Promise.resolve(null)),
    [session !== null],
  );
  const [days, setDays] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAsyncAction(async () => {
    const value = (days ?? '').trim();
    const answer = await api.patch<TeamSettings>('/v1/team/settings', {
      exportRetentionDays: value === '' ? null : Number(value),
    });
    settings.setData(answer);
    setSaved(true);
  });
  const [password, setPassword] = useState('');
  const erase = useAsyncAction(async () => {
    if (!window.confirm(t('privacy.delete.confirm'))) return;
    await api.post('/v1/me/deletion', { password });
    api.store.set(null);
    navigate('/login', { replace: true });
  });
  const choose = useAsyncAction(async (departingMemberPocs: string) => {
    settings.setData(await api.patch<TeamSettings>('/v1/team/settings', { departingMemberPocs }));
  });
  const retention = settings.data?.exportRetentionDays ?? null;
  const isOwner = session?.user.role === 'owner';

  return (
    <section className="card stack" aria-labelledby="privacy-title" lang={locale}>
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      <p>{t('privacy.intro')}</p>
      <h2>{t('privacy.what.title')}</h2>
      <ul>
        <li>{t('privacy.what.account')}</li>
        <li>{t('privacy.what.work')}</li>
        <li>{t('privacy.what.audit')}</li>
      </ul>
      <h2>{t('privacy.where.title')}</h2>
      <p>{t('privacy.where.text')}</p>
      <h2>{t('privacy.retention.title')}</h2>
      <ul>
        <li>{t('privacy.retention.account')}</li>
        {settings.data && (
          <li data-testid="export-retention">
            {t('privacy.retention.exports', { days: retention === null ? 'none' : String(retention) })}
          </li>
        )}
      </ul>
      {isOwner && settings.data && (
        <form onSubmit={save.submit} noValidate>
          <ProblemAlert error={save.error} fields={['exportRetentionDays']} />
          <Field
            label={t('privacy.retention.edit')}
            type="number"
            min={1}
            max={3650}
            name="exportRetentionDays"
            value={days ?? (retention === null ? '' : String(retention))}
            onChange={(event) => {
              setDays(event.target.value);
              setSaved(false);
            }}
          />
          <button className="button" type="submit" disabled={save.busy}>
            {t('privacy.retention.save')}
          </button>
          {saved && <p role="status">{t('privacy.retention.saved')}</p>}
        </form>
      )}
      <h2>{t('privacy.rights.title')}</h2>
      <ul>
        <li>{t('privacy.rights.access')}</li>
        <li>{t('privacy.rights.export')}</li>
        <li>{t('privacy.rights.security')}</li>
        {settings.data && <li>{t('privacy.rights.delete', { pocs: settings.data.departingMemberPocs })}</li>}
        <li>{t('privacy.rights.team')}</li>
      </ul>
      {isOwner && settings.data && (
        <div className="field">
          <label htmlFor="departing-pocs">{t('privacy.departing.label')}</label>
          <select
            id="departing-pocs"
            value={settings.data.departingMemberPocs}
            disabled={choose.busy}
            onChange={(event) => void choose.run(event.target.value)}
          >
            <option value="transfer">{t('privacy.departing.transfer')}</option>
            <option value="delete">{t('privacy.departing.delete')}</option>
          </select>
          <ProblemAlert error={choose.error} />
        </div>
      )}
      {session && (
        <form onSubmit={erase.submit} noValidate aria-labelledby="delete-title">
          <h2 id="delete-title">{t('privacy.delete.title')}</h2>
          <ProblemAlert error={erase.error} fields={['password']} />
          <Field
            label={t('privacy.delete.password')}
            type="password"
            autoComplete="current-password"
            name="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button className="button button--danger" type="submit" disabled={erase.busy}>
            {t('privacy.delete.submit')}
          </button>
        </form>
      )}
      {session && <TeamDeletionSection />}
    </section>
  );
}
