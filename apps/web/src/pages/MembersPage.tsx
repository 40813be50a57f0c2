import { type FormEvent, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { type Member, type Role, Roles } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { fieldError } from '../lib/fieldError.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

const roleOptions = Roles.map((role) => ({ value: role, label: role }));

/** Members and their roles; owners and admins invite, change roles and remove. */
export function MembersPage() {
  const { api } = useServices();
  const session = useSession();
  const canManage = session?.user.role === 'owner' || session?.user.role === 'admin';
  const members = useResource((signal) => api.get<{ items: Member[] }>('/v1/members', { signal }), []);
  const [invite, setInvite] = useState({ name: '', email: '', role: 'member' as Role });
  const [secret, setSecret] = useState<string | null>(null);
  const add = useAsyncAction(async () => {
    // platform-api answers a one-time temporary password the member changes at first login.
    const answer = await api.post<{ member: Member; temporaryPassword: string }>('/v1/members', invite);
    setSecret(answer.temporaryPassword);
    setInvite({ name: '', email: '', role: 'member' });
    members.reload();
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
        <table className="table">
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
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
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
                  <td>
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
      {canManage && (
        <form onSubmit={submit} className="card" aria-labelledby="invite-title" noValidate>
          <h2 id="invite-title">Add a member</h2>
          <ProblemAlert error={add.error} fields={['name', 'email', 'role']} />
          <div className="row">
            <Field
              label="Name"
              required
              value={invite.name}
              onChange={(e) => setInvite({ ...invite, name: e.target.value })}
              error={fieldError(add.error, 'name')}
            />
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
            Add member
          </button>
          {secret && (
            <p className="alert alert--info" role="status">
              Give this temporary password to the new member (it is shown only once): <code>{secret}</code>
            </p>
          )}
        </form>
      )}
    </section>
  );
}
