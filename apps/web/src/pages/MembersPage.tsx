import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { type Invitation, type Member, type Role, Roles } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { fieldError } from '../lib/fieldError.ts';
import { roleLabels } from '../lib/roleLabels.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

// Only owners see it: not in the first load.
const TeamSettingsForm = lazy(() => import('./TeamSettingsForm.tsx').then((m) => ({ default: m.TeamSettingsForm })));

/** Members and their roles; owners and admins invite by e-mail, manage pending invitations, change roles and remove. */
export function MembersPage() {
  const { api } = useServices();
  const { t, formatDate } = useMessages();
  const roleOptions = Roles.map((role) => ({ value: role, label: t(roleLabels[role]) }));
  const session = useSession();
  const canManage = session?.user.role === 'owner' || session?.user.role === 'admin';
  const members = useResource((signal) => api.get<{ items: Member[] }>('/v1/members', { signal }), []);
  const [invite, setInvite] = useState({ email: '', role: 'member' as Role });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const invitations = useResource(
    (signal) =>
      canManage ? api.get<{ items: Invitation[] }>('/v1/invitations', { signal }) : Promise.resolve({ items: [] }),
    [canManage],
  );
  const add = useAsyncAction(async () => {
    // The invitee gets an e-mail with a single-use link; nothing secret is shown here.
    await api.post<Invitation>('/v1/invitations', invite);
    setSentTo(invite.email);
    setInvite({ email: '', role: 'member' });
    invitations.reload();
  });
  const resend = useAsyncAction(async (id: string) => {
    await api.post(`/v1/invitations/${id}/resend`);
    invitations.reload();
  });
  const revoke = useAsyncAction(async (id: string) => {
    await api.delete(`/v1/invitations/${id}`);
    invitations.reload();
  });
  const change = useAsyncAction(async (id: string, role: Role) => {
    await api.patch(`/v1/members/${id}`, { role });
    members.reload();
  });
  const remove = useAsyncAction(async (member: Member) => {
    if (!window.confirm(t('members.remove_confirm', { name: member.name }))) return;
    await api.delete(`/v1/members/${member.id}`);
    members.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };

  return (
    <section aria-labelledby="members-title" className="stack">
      <h1 id="members-title">{t('members.title')}</h1>
      <ProblemAlert error={members.error ?? change.error ?? remove.error} />
      {members.loading && !members.data && <p aria-live="polite">{t('members.loading')}</p>}
      {members.data && (
        <table className="table table--stack">
          <caption className="visually-hidden">{t('members.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.col.name')}</th>
              <th scope="col">{t('members.col.email')}</th>
              <th scope="col">{t('members.col.role')}</th>
              {canManage && <th scope="col">{t('members.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((member) => (
              <tr key={member.id}>
                <td data-label={t('members.col.name')}>{member.name}</td>
                <td data-label={t('members.col.email')}>{member.email}</td>
                <td data-label={t('members.col.role')}>
                  {canManage && member.id !== session?.user.id ? (
                    <select
                      className="select"
                      aria-label={t('members.role_of', { name: member.name })}
                      value={member.role}
                      onChange={(event) => void change.run(member.id, event.target.value as Role)}
                    >
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={`badge badge--${member.role}`}>{t(roleLabels[member.role])}</span>
                  )}
                </td>
                {canManage && (
                  <td data-label={t('members.col.actions')}>
                    {member.id !== session?.user.id && (
                      <button type="button" className="button button--danger" onClick={() => void remove.run(member)}>
                        {t('members.remove')}
                        <span className="visually-hidden"> {member.name}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && invitations.data && invitations.data.items.length > 0 && (
        <section aria-labelledby="pending-title" className="card">
          <h2 id="pending-title">{t('members.pending.title')}</h2>
          <ProblemAlert error={resend.error ?? revoke.error} />
          <ul className="stack">
            {invitations.data.items.map((item) => (
              <li key={item.id} className="row">
                <span>
                  {t('members.pending.item', {
                    email: item.email,
                    role: t(roleLabels[item.role]),
                    date: formatDate(item.expiresAt),
                  })}
                </span>
                <button type="button" className="button button--ghost" onClick={() => void resend.run(item.id)}>
                  {t('members.pending.resend')}
                  <span className="visually-hidden"> {t('members.pending.to', { email: item.email })}</span>
                </button>
                <button type="button" className="button button--danger" onClick={() => void revoke.run(item.id)}>
                  {t('members.pending.revoke')}
                  <span className="visually-hidden"> {t('members.pending.for', { email: item.email })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canManage && (
        <form onSubmit={submit} className="card" aria-labelledby="invite-title" noValidate>
          <h2 id="invite-title">{t('members.invite.title')}</h2>
          <ProblemAlert error={add.error} fields={['email', 'role']} />
          <div className="row">
            <Field
              label={t('members.invite.email')}
              type="email"
              required
              value={invite.email}
              onChange={(e) => setInvite({ ...invite, email: e.target.value })}
              error={fieldError(add.error, 'email')}
            />
            <SelectField
              label={t('members.invite.role')}
              options={roleOptions}
              value={invite.role}
              onChange={(e) => setInvite({ ...invite, role: e.target.value as Role })}
              error={fieldError(add.error, 'role')}
            />
          </div>
          <button type="submit" className="button" disabled={add.busy}>
            {t('members.invite.submit')}
          </button>
          {sentTo && (
            <p className="alert alert--info" role="status">
              {t('members.invite.sent', { email: sentTo, days: 7 })}
            </p>
          )}
        </form>
      )}
      {session?.user.role === 'owner' && (
        <Suspense fallback={null}>
          <TeamSettingsForm />
        </Suspense>
      )}
    </section>
  );
}
