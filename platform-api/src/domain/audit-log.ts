import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';

/**
 * Every action the audit log records, as a closed catalogue. There are no API
 * tokens in PocDojo (sessions only), so none are listed.
 */
export const AuditActions = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.password_changed',
  'auth.password_reset',
  'auth.signed_out_everywhere',
  'auth.mfa_enabled',
  'auth.mfa_disabled',
  'auth.mfa_recovery_code_used',
  'auth.mfa_failed',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'team.settings_changed',
  'export.report_requested',
  'export.video_requested',
  'export.audit_csv',
  'export.personal_data_requested',
  'poc.deleted',
  'dojo.deleted',
  'account.deleted',
  'team.deletion_scheduled',
  'team.deletion_cancelled',
] as const;
export type AuditAction = (typeof AuditActions)[number];

/** Where a request came from: the client address (X-Forwarded-For only with TRUST_PROXY) and its user agent. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const requestOrigin = (ctx: Context): RequestOrigin => ({
  ip: ctx.ip || null,
  userAgent: ctx.get('user-agent').slice(0, 512) || null,
});

export interface AuditEntry {
  tenantId: string;
  /** Who did it; null when nobody is signed in (a failed login names its account as the target). */
  actorId: string | null;
  action: AuditAction;
  targetType?: 'user' | 'invitation' | 'poc' | 'dojo' | 'job' | 'team';
  targetId?: string | null;
  /** A few facts about the action (new role, job kind…); never secrets. */
  details?: Record<string, string | number | boolean | null>;
  origin: RequestOrigin;
}

/**
 * Appends an entry in `em`'s transaction, so it is written exactly when the
 * action it records commits. The table refuses updates and deletes (see the
 * AuditLog migration): what is written here stays.
 */
export async function recordAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em.execute(
    `insert into audit_events (tenant_id, actor_id, action, target_type, target_id, details, ip, user_agent)
     values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [
      entry.tenantId,
      entry.actorId,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      JSON.stringify(entry.details ?? {}),
      entry.origin.ip,
      entry.origin.userAgent,
    ],
  );
}
