import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { ApiError } from '../api/ApiError.ts';
import type { AuditEvent, Member } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

/** Each recorded action and how the page names it (the API's catalogue, `AuditActions`). */
const actionLabels: Record<string, MessageKey> = {
  'auth.login_succeeded': 'audit.action.login_succeeded',
  'auth.login_failed': 'audit.action.login_failed',
  'auth.password_changed': 'audit.action.password_changed',
  'auth.password_reset': 'audit.action.password_reset',
  'auth.signed_out_everywhere': 'audit.action.signed_out_everywhere',
  'auth.mfa_enabled': 'audit.action.mfa_enabled',
  'auth.mfa_disabled': 'audit.action.mfa_disabled',
  'auth.mfa_recovery_code_used': 'audit.action.mfa_recovery_code_used',
  'auth.mfa_failed': 'audit.action.mfa_failed',
  'member.role_changed': 'audit.action.role_changed',
  'member.removed': 'audit.action.member_removed',
  'invitation.created': 'audit.action.invitation_created',
  'invitation.revoked': 'audit.action.invitation_revoked',
  'invitation.accepted': 'audit.action.invitation_accepted',
  'team.settings_changed': 'audit.action.settings_changed',
  'export.report_requested': 'audit.action.report_requested',
  'export.video_requested': 'audit.action.video_requested',
  'export.audit_csv': 'audit.action.audit_exported',
  'export.personal_data_requested': 'audit.action.personal_data_requested',
  'poc.deleted': 'audit.action.poc_deleted',
  'dojo.deleted': 'audit.action.dojo_deleted',
  'account.deleted': 'audit.action.account_deleted',
  'team.deletion_scheduled': 'audit.action.team_deletion_scheduled',
  'team.deletion_cancelled': 'audit.action.team_deletion_cancelled',
};

const targetLabels: Record<string, MessageKey> = {
  user: 'audit.target.user',
  invitation: 'audit.target.invitation',
  poc: 'audit.target.poc',
  dojo: 'audit.target.dojo',
  job: 'audit.target.job',
  team: 'audit.target.team',
};

/** What the entry was about, in a few words: a member's name when the target is one, else the kind and id. */
function targetText(event: AuditEvent, names: Map<string, string>, t: (key: MessageKey) => string): string {
  if (!event.targetId) return '';
  const name = names.get(event.targetId) ?? (typeof event.details.name === 'string' ? event.details.name : null);
  const email = typeof event.details.email === 'string' ? event.details.email : null;
  const kind =
    event.targetType && targetLabels[event.targetType] ? t(targetLabels[event.targetType]!) : event.targetType;
  return [kind, name ?? email ?? event.targetId.slice(0, 8)].filter(Boolean).join(': ');
}

/** The team's audit log for owners and admins: filters by person and action, older pages on demand, CSV export. */
export function AuditPage() {
  const { api } = useServices();
  const { t, locale, formatDateTime } = useMessages();
  const [userId, setUserId] = useState('');
  const [action, setAction] = useState('');
  const [pages, setPages] = useState<{ items: AuditEvent[]; nextCursor: string | null }[]>([]);
  const query = (cursor?: string | null) => {
    const params = new URLSearchParams({ limit: '50' });
    if (userId) params.set('userId', userId);
    if (action) params.set('action', action);
    if (cursor) params.set('cursor', cursor);
    return params;
  };
  const first = useResource(
    async (signal) => {
      const page = await api.get<{ items: AuditEvent[]; nextCursor: string | null }>(`/v1/audit?${query()}`, {
        signal,
      });
      setPages([page]);
      return page;
    },
    [userId, action],
  );
  const members = useResource((signal) => api.get<{ items: Member[] }>('/v1/members', { signal }), []);
  const names = new Map((members.data?.items ?? []).map((m) => [m.id, m.name]));
  const more = useAsyncAction(async () => {
    const last = pages.at(-1);
    if (!last?.nextCursor) return;
    const page = await api.get<{ items: AuditEvent[]; nextCursor: string | null }>(
      `/v1/audit?${query(last.nextCursor)}`,
    );
    setPages((loaded) => [...loaded, page]);
  });
  const download = useAsyncAction(async () => {
    const params = query();
    params.delete('limit');
    const token = api.store.get()?.accessToken;
    const response = await fetch(`${api.baseUrl}/v1/audit/export?${params}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': locale },
    });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'audit-log.csv';
    link.click();
    URL.revokeObjectURL(url);
  });
  const events = pages.flatMap((page) => page.items);
  const forbidden = first.error instanceof ApiError && first.error.status === 403;

  return (
    <section aria-labelledby="audit-title" className="stack" lang={locale}>
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {forbidden ? (
        <p role="alert">{t('audit.forbidden')}</p>
      ) : (
        <ProblemAlert error={first.error ?? more.error ?? download.error} />
      )}
      <div className="toolbar">
        <label htmlFor="audit-person">{t('audit.filter.person')}</label>{' '}
        <select id="audit-person" value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">{t('audit.filter.everyone')}</option>
          {(members.data?.items ?? []).map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="audit-action">{t('audit.filter.action')}</label>{' '}
        <select id="audit-action" value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">{t('audit.filter.every_action')}</option>
          {Object.entries(actionLabels).map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="button" onClick={() => void download.run()} disabled={download.busy}>
          {download.busy ? t('audit.exporting') : t('audit.export')}
        </button>
      </div>
      {first.loading && <p aria-live="polite">{t('audit.loading')}</p>}
      {!first.loading && !first.error && events.length === 0 && <p>{t('audit.empty')}</p>}
      {events.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('audit.caption', { count: events.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.when')}</th>
              <th scope="col">{t('audit.col.who')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.target')}</th>
              <th scope="col">{t('audit.col.origin')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-action={event.action}>
                <td>
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </td>
                <td>{event.actorName ?? (event.actorId ? t('audit.former_member') : t('audit.nobody'))}</td>
                <td>{actionLabels[event.action] ? t(actionLabels[event.action]!) : event.action}</td>
                <td>{targetText(event, names, t)}</td>
                <td title={event.userAgent ?? ''}>{event.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages.at(-1)?.nextCursor && (
        <button type="button" className="button button--ghost" onClick={() => void more.run()} disabled={more.busy}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
