import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, useLocation } from '../router.tsx';

/** Asks for a reset link. The answer is the same whether or not the e-mail has an account. */
export function ForgotPasswordPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const { values, bind } = useForm({ email: '' });
  const [sent, setSent] = useState(false);
  const { submit, busy, error } = useAsyncAction(async () => {
    await api.post('/v1/auth/password-reset', values, { auth: false });
    setSent(true);
  });
  return (
    <section className="card card--narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('reset.forgot.title')}</h1>
      {sent ? (
        <p role="status" className="alert alert--info">
          {t('reset.forgot.sent', { email: values.email })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemAlert error={error} fields={Object.keys(values)} />
          <Field label={t('reset.forgot.email')} type="email" autoComplete="email" required {...bind('email', error)} />
          <button className="button" type="submit" disabled={busy}>
            {t('reset.forgot.submit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">{t('reset.back_to_login')}</Link>
      </p>
    </section>
  );
}

/** The page the reset e-mail links to: a new password for every team of the account. */
export function ResetPasswordPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const { search } = useLocation();
  const { values, bind } = useForm({ newPassword: '' });
  const [done, setDone] = useState(false);
  const { submit, busy, error } = useAsyncAction(async () => {
    await api.post(
      '/v1/auth/password-reset/complete',
      { token: search.get('token') ?? '', newPassword: values.newPassword },
      { auth: false },
    );
    setDone(true);
  });
  return (
    <section className="card card--narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.choose.title')}</h1>
      {done ? (
        <p role="status" className="alert alert--info">
          {t('reset.choose.done')} <Link to="/login">{t('reset.choose.login')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemAlert error={error} fields={Object.keys(values)} />
          <Field
            label={t('reset.choose.new_password')}
            type="password"
            autoComplete="new-password"
            required
            {...bind('newPassword', error)}
          />
          <button className="button" type="submit" disabled={busy}>
            {t('reset.choose.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The page the "logins paused" e-mail links to: following it ends every login delay of the account. */
export function UnlockLoginPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const { search } = useLocation();
  const [done, setDone] = useState(false);
  const { submit, busy, error } = useAsyncAction(async () => {
    await api.post('/v1/auth/login-unlock', { token: search.get('token') ?? '' }, { auth: false });
    setDone(true);
  });
  return (
    <section className="card card--narrow" aria-labelledby="unlock-title">
      <h1 id="unlock-title">{t('unlock.title')}</h1>
      <ProblemAlert error={error} />
      {done ? (
        <p role="status" className="alert alert--info">
          {t('unlock.done')} <Link to="/login">{t('unlock.login')}</Link>
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>{t('unlock.text')}</p>
          <button className="button" type="submit" disabled={busy}>
            {t('unlock.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The page the verification e-mail links to. */
export function VerifyEmailPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const { search } = useLocation();
  const [email, setEmail] = useState<string | null>(null);
  const { submit, busy, error } = useAsyncAction(async () => {
    const answer = await api.post<{ email: string }>(
      '/v1/auth/verify-email',
      { token: search.get('token') ?? '' },
      { auth: false },
    );
    setEmail(answer.email);
  });
  return (
    <section className="card card--narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <ProblemAlert error={error} />
      {email ? (
        <p role="status" className="alert alert--info">
          {t('verify.done', { email })}
        </p>
      ) : (
        <form onSubmit={submit}>
          <button className="button" type="submit" disabled={busy}>
            {t('verify.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
