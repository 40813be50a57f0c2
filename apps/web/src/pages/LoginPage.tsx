import { useServices } from '../AppContext.tsx';
import { login } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';

export function LoginPage() {
  const { api } = useServices();
  const { values, bind } = useForm({ tenant: '', email: '', password: '' });
  const { submit, busy, error } = useAsyncAction(async () => {
    await login(api, values);
    navigate('/pocs', { replace: true });
  });
  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={error} fields={Object.keys(values)} />
        <Field
          label="Team"
          autoComplete="organization"
          hint="Your team's short name (slug), as chosen at sign-up"
          required
          {...bind('tenant', error)}
        />
        <Field label="Email" type="email" autoComplete="email" required {...bind('email', error)} />
        <Field label="Password" type="password" autoComplete="current-password" required {...bind('password', error)} />
        <button className="button" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        New team? <Link to="/signup">Sign up</Link>
      </p>
    </section>
  );
}
