import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, useLocation } from '../router.tsx';

/** Asks for a reset link. The answer is the same whether or not the e-mail has an account. */
export function ForgotPasswordPage() {
  const { api } = useServices();
  const { values, bind } = useForm({ email: '' });
  const [sent, setSent] = useState(false);
  const { submit, busy, error } = useAsyncAction(async () => {
    await api.post('/v1/auth/password-reset', values, { auth: false });
    setSent(true);
  });
  return (
    <section className="card card--narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {sent ? (
        <p role="status" className="alert alert--info">
          If {values.email} has a PocDojo account, a link to choose a new password is on its way. It works once, for an
          hour.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemAlert error={error} fields={Object.keys(values)} />
          <Field label="Email" type="email" autoComplete="email" required {...bind('email', error)} />
          <button className="button" type="submit" disabled={busy}>
            Send me a link
          </button>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}

/** The page the reset e-mail links to: a new password for every team of the account. */
export function ResetPasswordPage() {
  const { api } = useServices();
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
      <h1 id="reset-title">Choose a new password</h1>
      {done ? (
        <p role="status" className="alert alert--info">
          Your password was changed and every session was signed out. <Link to="/login">Log in</Link> with it.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemAlert error={error} fields={Object.keys(values)} />
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            {...bind('newPassword', error)}
          />
          <button className="button" type="submit" disabled={busy}>
            Set password
          </button>
        </form>
      )}
    </section>
  );
}

/** The page the "logins paused" e-mail links to: following it ends every login delay of the account. */
export function UnlockLoginPage() {
  const { api } = useServices();
  const { search } = useLocation();
  const [done, setDone] = useState(false);
  const { submit, busy, error } = useAsyncAction(async () => {
    await api.post('/v1/auth/login-unlock', { token: search.get('token') ?? '' }, { auth: false });
    setDone(true);
  });
  return (
    <section className="card card--narrow" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Unlock your logins</h1>
      <ProblemAlert error={error} />
      {done ? (
        <p role="status" className="alert alert--info">
          Your logins are unlocked. <Link to="/login">Log in</Link>
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>Too many wrong passwords paused logins to your account. If those tries were yours, unlock now.</p>
          <button className="button" type="submit" disabled={busy}>
            Unlock
          </button>
        </form>
      )}
    </section>
  );
}

/** The page the verification e-mail links to. */
export function VerifyEmailPage() {
  const { api } = useServices();
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
      <h1 id="verify-title">Confirm your e-mail</h1>
      <ProblemAlert error={error} />
      {email ? (
        <p role="status" className="alert alert--info">
          {email} is confirmed.
        </p>
      ) : (
        <form onSubmit={submit}>
          <button className="button" type="submit" disabled={busy}>
            Confirm
          </button>
        </form>
      )}
    </section>
  );
}
