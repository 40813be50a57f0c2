import type { UserEntity } from '../../db/entities/User.ts';

/** A user as members see one another (never the password hash). */
export const memberToView = (user: UserEntity) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  mustChangePassword: user.mustChangePassword,
  createdAt: user.createdAt.toISOString(),
});
