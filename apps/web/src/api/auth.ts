import type { ApiClient } from './ApiClient.ts';
import { tokenExpiry } from './ApiClient.ts';
import type { Session } from './SessionStore.ts';
import type { Role, TokenAnswer } from './types.ts';

/** What signup and login both answer: the tokens, the user and the team. */
interface SessionAnswer extends TokenAnswer {
  tenant: { id: string; name: string; slug: string };
  user: { id: string; name: string; email: string; role: Role; mustChangePassword?: boolean };
}

const toSession = (answer: SessionAnswer): Session => ({
  accessToken: answer.accessToken,
  refreshToken: answer.refreshToken,
  expiresAt: tokenExpiry(answer.accessToken, answer.expiresIn),
  user: {
    id: answer.user.id,
    name: answer.user.name,
    email: answer.user.email,
    role: answer.user.role,
    mustChangePassword: answer.user.mustChangePassword === true,
  },
  tenant: answer.tenant,
});

export interface SignupInput {
  tenantName: string;
  tenantSlug?: string;
  name: string;
  email: string;
  password: string;
}

export async function signup(api: ApiClient, input: SignupInput): Promise<Session> {
  const session = toSession(await api.post<SessionAnswer>('/v1/signup', input, { auth: false }));
  api.store.set(session);
  return session;
}

export async function login(api: ApiClient, input: { tenant: string; email: string; password: string }) {
  const session = toSession(await api.post<SessionAnswer>('/v1/auth/login', input, { auth: false }));
  api.store.set(session);
  return session;
}

/** Revokes the refresh token; the local session goes whatever the server says (it may be offline). */
export async function logout(api: ApiClient): Promise<void> {
  const session = api.store.get();
  api.store.set(null);
  if (!session) return;
  await api.post('/v1/auth/logout', { refreshToken: session.refreshToken }, { auth: false }).catch(() => undefined);
}

/**
 * Replaces the password (required once after an invitation with a temporary
 * password). The server ends every other session of the account; this one's
 * access token is ended too and renewed by the next request's refresh.
 */
export async function changePassword(api: ApiClient, input: { currentPassword: string; newPassword: string }) {
  await api.post('/v1/me/password', input);
  const session = api.store.get();
  if (session) api.store.set({ ...session, user: { ...session.user, mustChangePassword: false } });
}

/** Ends every session of the account, on every device; this one is signed out locally too. */
export async function signOutEverywhere(api: ApiClient): Promise<void> {
  await api.post('/v1/me/sign-out-everywhere');
  api.store.set(null);
}
