import { useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { changePassword, signOutEverywhere } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { roleLabels } from '../lib/roleLabels.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';
import { AccountLinks } from './AccountLinks.tsx';
import { PersonalDataExport } from './PersonalDataExport.tsx';
import { ProfileForm } from './ProfileForm.tsx';

/** Who you are, your profile, the password change, and ending every session. */
export function AccountPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const session = useSession();
  const { values, setValues, bind } = useForm({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const save = useAsyncAction(async () => {
    await changePassword(api, values);
    setValues({ currentPassword: '', newPassword: '' });
    setDone(true);
  });
  const everywhere = useAsyncAction(async () => {
    await signOutEverywhere(api);
    navigate('/login');
  });
  if (!session) return null;
  const role = t(roleLabels[session.user.role]);
  return (
    <section className="card card--narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        {session.tenant
          ? t('account.who_in_team', {
              name: session.user.name,
              email: session.user.email,
              role,
              team: session.tenant.name,
              slug: session.tenant.slug,
            })
          : t('account.who', { name: session.user.name, email: session.user.email, role })}
      </p>
      <p>
        <Link to="/account/notifications">{t('account.notifications.link')}</Link>
        {t('account.notifications.what')}
      </p>
      <ProfileForm />
      <AccountLinks />
      <form onSubmit={save.submit} noValidate aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password.title')}</h2>
        <ProblemAlert error={save.error} fields={Object.keys(values)} />
        <Field
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          {...bind('currentPassword', save.error)}
        />
        <Field
          label={t('account.password.new')}
          type="password"
          autoComplete="new-password"
          {...bind('newPassword', save.error)}
        />
        <button type="submit" className="button" disabled={save.busy}>
          {t('account.password.change')}
        </button>
        {done && (
          <p role="status" className="alert alert--info">
            {t('account.password.changed')}
          </p>
        )}
      </form>
      <PersonalDataExport />
      <form onSubmit={everywhere.submit} aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions.title')}</h2>
        <p>{t('account.sessions.text')}</p>
        <ProblemAlert error={everywhere.error} />
        <button type="submit" className="button button--ghost" disabled={everywhere.busy}>
          {t('account.sessions.end_all')}
        </button>
      </form>
    </section>
  );
}
