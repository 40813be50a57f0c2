import { useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

interface TeamDeletion {
  scheduled: boolean;
  requestedAt: string | null;
  dueAt: string | null;
  gracePeriodSeconds: number;
}

/**
 * "Delete this team" (LGPD): every member sees whether the team's deletion is
 * scheduled and when everything will be erased; an owner schedules it with
 * their password (and a code with two-factor login) and cancels it during the
 * grace period.
 */
export function TeamDeletionSection() {
  const { api } = useServices();
  const session = useSession();
  const { t, formatDateTime } = useMessages();
  const isOwner = session?.user.role === 'owner';
  const deletion = useResource((signal) => api.get<TeamDeletion>('/v1/team/deletion', { signal }), []);
  const mfa = useResource(
    (signal) => (isOwner ? api.get<{ enabled: boolean }>('/v1/me/mfa', { signal }) : Promise.resolve(null)),
    [isOwner],
  );
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const schedule = useAsyncAction(async () => {
    if (!window.confirm(t('team_deletion.confirm'))) return;
    deletion.setData(
      await api.post<TeamDeletion>('/v1/team/deletion', { password, ...(mfa.data?.enabled ? { code } : {}) }),
    );
    setPassword('');
    setCode('');
  });
  const cancel = useAsyncAction(async () => {
    await api.delete('/v1/team/deletion');
    deletion.reload();
  });
  const state = deletion.data;
  if (!session || !state) return null;
  const days = Math.max(1, Math.round(state.gracePeriodSeconds / 86_400));

  return (
    <section className="stack" aria-labelledby="team-deletion-title" data-testid="team-deletion">
      <h2 id="team-deletion-title">{t('team_deletion.title')}</h2>
      {state.scheduled && state.dueAt ? (
        <>
          <p role="status">{t('team_deletion.scheduled', { when: formatDateTime(state.dueAt) })}</p>
          {isOwner && (
            <>
              <ProblemAlert error={cancel.error} />
              <button className="button" type="button" disabled={cancel.busy} onClick={() => void cancel.run()}>
                {t('team_deletion.cancel')}
              </button>
            </>
          )}
        </>
      ) : (
        <p>{t('team_deletion.explain', { days })}</p>
      )}
      {isOwner && !state.scheduled && (
        <form onSubmit={schedule.submit} noValidate aria-labelledby="team-deletion-title">
          <ProblemAlert error={schedule.error} fields={['password', 'code']} />
          <Field
            label={t('team_deletion.password')}
            type="password"
            autoComplete="current-password"
            name="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {mfa.data?.enabled && (
            <Field
              label={t('team_deletion.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              name="code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
          <button className="button button--danger" type="submit" disabled={schedule.busy}>
            {t('team_deletion.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
