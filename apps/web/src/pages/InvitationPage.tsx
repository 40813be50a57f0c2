import { useEffect } from 'react';
import { useServices } from '../AppContext.tsx';
import { acceptInvitation } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { preloadMessages } from '../i18n/catalogue.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { useResource } from '../lib/useResource.ts';
import { navigate, useLocation } from '../router.tsx';

const roles: Record<string, 'invite.role.owner' | 'invite.role.admin' | 'invite.role.member'> = {
  owner: 'invite.role.owner',
  admin: 'invite.role.admin',
  member: 'invite.role.member',
};

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
  const { t, locale } = useMessages();
  useEffect(() => preloadMessages(locale, 'member'), [locale]);
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
      <h1 id="invite-title">
        {info.data ? t('invite.join_team', { team: info.data.tenant.name }) : t('invite.title')}
      </h1>
      <ProblemAlert error={info.error} />
      {info.data && (
        <form onSubmit={accept.submit} noValidate>
          <p>
            {t('invite.invited_as', {
              role: roles[info.data.role] ? t(roles[info.data.role]!) : info.data.role,
              email: info.data.email,
            })}
          </p>
          <ProblemAlert error={accept.error} fields={Object.keys(values)} />
          {info.data.hasAccount ? (
            <p>{t('invite.has_account')}</p>
          ) : (
            <Field label={t('invite.your_name')} autoComplete="name" required {...bind('name', accept.error)} />
          )}
          <Field
            label={info.data.hasAccount ? t('invite.password') : t('invite.choose_password')}
            type="password"
            autoComplete={info.data.hasAccount ? 'current-password' : 'new-password'}
            required
            {...bind('password', accept.error)}
          />
          <button className="button" type="submit" disabled={accept.busy}>
            {t('invite.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
