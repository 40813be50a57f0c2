import { useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

/** Name, language, and e-mail address (a new one takes effect once its confirmation link is followed). */
export function ProfileForm() {
  const { api, store } = useServices();
  const { t } = useMessages();
  const session = useSession();
  const { values, bind } = useForm({
    name: session?.user.name ?? '',
    email: session?.user.email ?? '',
  });
  const [pendingEmail, setPendingEmail] = useState<string | null | undefined>(undefined);
  const save = useAsyncAction(async () => {
    const me = await api.patch<{ name: string; email: string; pendingEmail: string | null }>('/v1/me', values);
    const current = store.get();
    if (current) store.set({ ...current, user: { ...current.user, name: me.name } });
    setPendingEmail(me.pendingEmail);
  });
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile.title')}</h2>
      <LanguageSwitcher />
      <form onSubmit={save.submit} noValidate aria-labelledby="profile-title">
        <ProblemAlert error={save.error} fields={Object.keys(values)} />
        <Field label={t('account.profile.name')} autoComplete="name" {...bind('name', save.error)} />
        <Field label={t('account.profile.email')} type="email" autoComplete="email" {...bind('email', save.error)} />
        <button type="submit" className="button" disabled={save.busy}>
          {t('account.profile.save')}
        </button>
        {pendingEmail !== undefined && (
          <p role="status" className="alert alert--info">
            {pendingEmail ? t('account.profile.saved_confirm', { email: pendingEmail }) : t('account.profile.saved')}
          </p>
        )}
      </form>
    </section>
  );
}
