import { type FormEvent, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { type Invitation, type Member, type Role, Roles } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { fieldError } from '../lib/fieldError.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

const roleOptions = Roles.map((role) => ({ value: role, label: role }));

/** Members and their roles; owners and admins invite by e-mail, manage pending invitations, change roles and remove. */
export function MembersPage() {
  const { api } = useServices();
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
    if (!window.confirm(`Remove ${member.name} from the team?`)) return;
    await api.delete(`/v1/members/${member.id}`);
    members.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };

  return (
    <section aria-labelledby="members-title" className="stack">
      <h1 id="members-title">Members</h1>
      <ProblemAlert error={members.error ?? change.error ?? remove.error} />
      {members.loading && !members.data && <p aria-live="polite">Loading members…</p>}
      {members.data && (
        <table className="table table--stack">
          <caption className="visually-hidden">Team members and their roles</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((member) => (
              <tr key={member.id}>
                <td data-label="Name">{member.name}</td>
                <td data-label="Email">{member.email}</td>
                <td data-label="Role">
                  {canManage && member.id !== session?.user.id ? (
                    <select
                      className="select"
                      aria-label={`Role of ${member.name}`}
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
                    <span className={`badge badge--${member.role}`}>{member.role}</span>
                  )}
                </td>
                {canManage && (
                  <td data-label="Actions">
                    {member.id !== session?.user.id && (
                      <button type="button" className="button button--danger" onClick={() => void remove.run(member)}>
                        Remove<span className="visually-hidden"> {member.name}</span>
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
          <h2 id="pending-title">Pending invitations</h2>
          <ProblemAlert error={resend.error ?? revoke.error} />
          <ul className="stack">
            {invitations.data.items.map((item) => (
              <li key={item.id} className="row">
                <span>
                  {item.email} · {item.role} · until {new Date(item.expiresAt).toLocaleDateString()}
                </span>
                <button type="button" className="button button--ghost" onClick={() => void resend.run(item.id)}>
                  Re-send<span className="visually-hidden"> to {item.email}</span>
                </button>
                <button type="button" className="button button--danger" onClick={() => void revoke.run(item.id)}>
                  Revoke<span className="visually-hidden"> for {item.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canManage && (
        <form onSubmit={submit} className="card" aria-labelledby="invite-title" noValidate>
          <h2 id="invite-title">Invite by e-mail</h2>
          <ProblemAlert error={add.error} fields={['email', 'role']} />
          <div className="row">
            <Field
              label="Email"
              type="email"
              required
              value={invite.email}
              onChange={(e) => setInvite({ ...invite, email: e.target.value })}
              error={fieldError(add.error, 'email')}
            />
            <SelectField
              label="Role"
              options={roleOptions}
              value={invite.role}
              onChange={(e) => setInvite({ ...invite, role: e.target.value as Role })}
              error={fieldError(add.error, 'role')}
            />
          </div>
          <button type="submit" className="button" disabled={add.busy}>
            Send invitation
          </button>
          {sentTo && (
            <p className="alert alert--info" role="status">
              Invitation sent to {sentTo}. The link works once, for 7 days.
            </p>
          )}
        </form>
      )}
    </section>
  );
}
