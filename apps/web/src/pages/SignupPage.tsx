import { useEffect } from 'react';
import { useServices } from '../AppContext.tsx';
import { signup } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { preloadMessages } from '../i18n/catalogue.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';

export function SignupPage() {
  const { api } = useServices();
  const { t, locale } = useMessages();
  // The pages after sign-up need the member part of the catalogue: fetch it while the form is filled in.
  useEffect(() => preloadMessages(locale, 'member'), [locale]);
  const { values, bind } = useForm({ tenantName: '', tenantSlug: '', name: '', email: '', password: '' });
  const { submit, busy, error } = useAsyncAction(async () => {
    // The founder's profile starts in the language the page was read in.
    await signup(api, { ...values, tenantSlug: values.tenantSlug.trim() || undefined, locale });
    navigate('/pocs', { replace: true });
  });
  return (
    <section className="card card--narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('signup.title')}</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={error} fields={Object.keys(values)} />
        <Field label={t('signup.team_name')} required {...bind('tenantName', error)} />
        <Field label={t('signup.team_slug')} hint={t('signup.team_slug_hint')} {...bind('tenantSlug', error)} />
        <Field label={t('signup.your_name')} autoComplete="name" required {...bind('name', error)} />
        <Field label={t('signup.email')} type="email" autoComplete="email" required {...bind('email', error)} />
        <PasswordField label={t('signup.password')} required email={values.email} {...bind('password', error)} />
        <button className="button" type="submit" disabled={busy}>
          {busy ? t('signup.busy') : t('signup.submit')}
        </button>
      </form>
      <p>
        {t('signup.have_team')} <Link to="/login">{t('signup.login')}</Link>
      </p>
    </section>
  );
}
