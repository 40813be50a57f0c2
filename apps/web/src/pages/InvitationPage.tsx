import { useServices } from '../AppContext.tsx';
import { acceptInvitation } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { useResource } from '../lib/useResource.ts';
import { navigate, useLocation } from '../router.tsx';

interface InvitationInfo {
  tenant: { id: string; name: string; slug: string };
  email: string;
  role: string;
  hasAccount: boolean;
  expiresAt: string;
}

/**
 * Where an invitation e-mail lands: a newcomer sets their name and password;
 * someone whose e-mail already has a PocDojo account confirms with its password
 * and the team is added to it.
 */
export function InvitationPage() {
  const { api } = useServices();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const info = useResource(
    (signal) =>
      api.get<InvitationInfo>(`/v1/invitations/lookup?token=${encodeURIComponent(token)}`, { signal, auth: false }),
    [token],
  );
  const { values, bind } = useForm({ name: '', password: '' });
  const accept = useAsyncAction(async () => {
    await acceptInvitation(api, {
      token,
      password: values.password,
      ...(info.data?.hasAccount ? {} : { name: values.name }),
    });
    navigate('/pocs', { replace: true });
  });
  return (
    <section className="card card--narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{info.data ? `Join ${info.data.tenant.name}` : 'Invitation'}</h1>
      <ProblemAlert error={info.error} />
      {info.data && (
        <form onSubmit={accept.submit} noValidate>
          <p>
            You were invited as <strong>{info.data.role}</strong> with {info.data.email}.
          </p>
          <ProblemAlert error={accept.error} fields={Object.keys(values)} />
          {info.data.hasAccount ? (
            <p>This e-mail already has a PocDojo account: enter its password to add the team to it.</p>
          ) : (
            <Field label="Your name" autoComplete="name" required {...bind('name', accept.error)} />
          )}
          <Field
            label={info.data.hasAccount ? 'Password' : 'Choose a password'}
            type="password"
            autoComplete={info.data.hasAccount ? 'current-password' : 'new-password'}
            required
            {...bind('password', accept.error)}
          />
          <button className="button" type="submit" disabled={accept.busy}>
            Join the team
          </button>
        </form>
      )}
    </section>
  );
}
