import type { UserEntity } from '../../db/entities/User.ts';

/** A user as members see one another (never the password hash). */
export const memberToView = (user: UserEntity) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  locale: user.locale,
  emailVerified: user.emailVerifiedAt !== null,
  pendingEmail: user.pendingEmail ?? null,
  createdAt: user.createdAt.toISOString(),
});
