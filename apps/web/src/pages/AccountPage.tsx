import { useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { changePassword, signOutEverywhere } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';
import { AccountLinks } from './AccountLinks.tsx';
import { PersonalDataExport } from './PersonalDataExport.tsx';
import { ProfileForm } from './ProfileForm.tsx';

/** Who you are, your profile, the password change, and ending every session. */
export function AccountPage() {
  const { api } = useServices();
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
  return (
    <section className="card card--narrow" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p>
        {session.user.name} · {session.user.email} · {session.user.role}
        {session.tenant ? ` in ${session.tenant.name} (${session.tenant.slug})` : ''}
      </p>
      <p>
        <Link to="/account/notifications">Notification settings</Link>: which notifications reach you by e-mail, push or
        in the app.
      </p>
      <ProfileForm />
      <AccountLinks />
      <form onSubmit={save.submit} noValidate aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <ProblemAlert error={save.error} fields={Object.keys(values)} />
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          {...bind('currentPassword', save.error)}
        />
        <Field label="New password" type="password" autoComplete="new-password" {...bind('newPassword', save.error)} />
        <button type="submit" className="button" disabled={save.busy}>
          Change password
        </button>
        {done && (
          <p role="status" className="alert alert--info">
            Your password was changed.
          </p>
        )}
      </form>
      <PersonalDataExport />
      <form onSubmit={everywhere.submit} aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        <p>Lost a device, or signed in somewhere you should not have? End every session of this account.</p>
        <ProblemAlert error={everywhere.error} />
        <button type="submit" className="button button--ghost" disabled={everywhere.busy}>
          Sign out everywhere
        </button>
      </form>
    </section>
  );
}
