/** What each notification kind is about, in the words the settings and delivery pages use. */
export const kindLabels: Record<string, string> = {
  'invitation.created': 'Invitations',
  'password.reset_requested': 'Password reset links',
  'password.changed': 'Password changed',
  'email.verification_requested': 'E-mail confirmation links',
  'login.unlock_requested': 'Login unlock links',
  'job.succeeded': 'A report or video is ready',
  'job.failed': 'A report or video failed',
  'dojo.scheduled': 'A dojo is scheduled',
  'dojo.starting': 'A dojo starts in 10 minutes',
  'member.added': 'Someone joined the team',
  'member.removed': 'Someone left the team',
  'team.deletion_scheduled': "The team's deletion is scheduled",
  'team.deletion_cancelled': "The team's deletion is cancelled",
};

export const kindLabel = (kind: string) => kindLabels[kind] ?? kind;
