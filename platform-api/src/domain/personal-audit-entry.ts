/** An audit_events row as the personal data export reads it. */
export interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  created_at: Date | string;
}

/** An audit entry in a member's own export. */
export interface PersonalAuditEntry {
  id: string;
  action: string;
  /** True when the member did it; false when someone else (or nobody signed in) did it to them. */
  byYou: boolean;
  targetType: string | null;
  /** The member's own id, or an id of theirs (a POC, a job); null when it named another person. */
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  at: string;
}

/**
 * An audit entry by or about `userId`, with what it says about other people
 * taken out: another member or an invitee named as the target loses the id and
 * the details (their e-mail, name or role); another member's id anywhere in the
 * details becomes null; who acted on the member is only "not you", without
 * their IP address or browser.
 */
export function personalAuditEntry(
  row: AuditRow,
  userId: string,
  otherMembers: ReadonlySet<string>,
): PersonalAuditEntry {
  const aboutSomeoneElse = (row.target_type === 'user' || row.target_type === 'invitation') && row.target_id !== userId;
  const actedByOther = row.actor_id !== null && row.actor_id !== userId;
  const details = aboutSomeoneElse
    ? {}
    : Object.fromEntries(
        Object.entries(row.details).map(([key, value]) => [
          key,
          typeof value === 'string' && otherMembers.has(value) ? null : value,
        ]),
      );
  return {
    id: row.id,
    action: row.action,
    byYou: row.actor_id === userId,
    targetType: row.target_type,
    targetId: aboutSomeoneElse ? null : row.target_id,
    details,
    // Another member's address and browser are theirs; a failed login on the account (nobody signed in) stays.
    ip: actedByOther ? null : row.ip,
    userAgent: actedByOther ? null : row.user_agent,
    at: new Date(row.created_at).toISOString(),
  };
}
