import { useServices } from '../AppContext.tsx';
import { signup } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';

export function SignupPage() {
  const { api } = useServices();
  const { values, bind } = useForm({ tenantName: '', tenantSlug: '', name: '', email: '', password: '' });
  const { submit, busy, error } = useAsyncAction(async () => {
    await signup(api, { ...values, tenantSlug: values.tenantSlug.trim() || undefined });
    navigate('/pocs', { replace: true });
  });
  return (
    <section className="card card--narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Sign up your team</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={error} fields={Object.keys(values)} />
        <Field label="Team name" required {...bind('tenantName', error)} />
        <Field
          label="Team short name (optional)"
          hint="Lower-case letters, digits and dashes; used to log in. Derived from the team name if empty."
          {...bind('tenantSlug', error)}
        />
        <Field label="Your name" autoComplete="name" required {...bind('name', error)} />
        <Field label="Email" type="email" autoComplete="email" required {...bind('email', error)} />
        <PasswordField label="Password" required email={values.email} {...bind('password', error)} />
        <button className="button" type="submit" disabled={busy}>
          {busy ? 'Creating your team…' : 'Create team'}
        </button>
      </form>
      <p>
        Already have a team? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
