import { isLocale } from '@pocdojo/common/i18n/locales';
import type { ApiClient } from './ApiClient.ts';
import { tokenExpiry } from './ApiClient.ts';
import type { components } from './openapi.gen.ts';
import type { Session } from './SessionStore.ts';
import type { Role, TokenAnswer } from './types.ts';

/** What signup and login both answer: the tokens, the user and the team. */
interface SessionAnswer extends TokenAnswer {
  tenant: { id: string; name: string; slug: string };
  user: { id: string; name: string; email: string; role: Role; locale?: string };
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
    ...(isLocale(answer.user.locale) ? { locale: answer.user.locale } : {}),
  },
  tenant: answer.tenant,
});

export type SignupInput = components['schemas']['Signup'];

export async function signup(api: ApiClient, input: SignupInput): Promise<Session> {
  const session = toSession(await api.post<SessionAnswer>('/v1/signup', input, { auth: false }));
  api.store.set(session);
  return session;
}

/** When the e-mail and password open several teams, the person picks one. */
export type TeamChoice = components['schemas']['TeamChoice'];

/** The password was right and the member has two-factor login: the second step comes next. */
export type MfaChallenge = components['schemas']['MfaChallenge'];

/**
 * Logs in with e-mail and password (the team slug only for direct links): a
 * session, the teams to pick from, or the two-factor challenge.
 */
export async function login(
  api: ApiClient,
  input: { email: string; password: string; tenant?: string },
): Promise<Session | TeamChoice | MfaChallenge> {
  const body = { email: input.email, password: input.password, ...(input.tenant ? { tenant: input.tenant } : {}) };
  const answer = await api.post<SessionAnswer | TeamChoice | MfaChallenge>('/v1/auth/login', body, { auth: false });
  if ('choiceToken' in answer || 'mfaRequired' in answer) return answer;
  return adopt(api, answer);
}

/** Finishes a login that opened several teams (or leads to its two-factor step). */
export async function chooseTeam(
  api: ApiClient,
  choiceToken: string,
  tenantId: string,
): Promise<Session | MfaChallenge> {
  const answer = await api.post<SessionAnswer | MfaChallenge>(
    '/v1/auth/login/team',
    { choiceToken, tenantId },
    { auth: false },
  );
  return 'mfaRequired' in answer ? answer : adopt(api, answer);
}

/** A login's second step: a code from the authenticator app, or a recovery code. */
export async function secondStep(
  api: ApiClient,
  mfaToken: string,
  proof: { code: string } | { recoveryCode: string },
): Promise<Session> {
  return adopt(api, await api.post<SessionAnswer>('/v1/auth/login/mfa', { mfaToken, ...proof }, { auth: false }));
}

/** Where a fresh session lands: the two-factor page when the team requires it and the member has not enrolled. */
export async function landingPath(api: ApiClient): Promise<string> {
  const status = await api.get<{ enabled: boolean; requiredByTeam: boolean }>('/v1/me/mfa').catch(() => null);
  return status?.requiredByTeam && !status.enabled ? '/account/two-factor' : '/pocs';
}

/** Joins a team through an invitation link: a new account, or the team added to the e-mail's existing one. */
export async function acceptInvitation(
  api: ApiClient,
  input: { token: string; name?: string; password: string },
): Promise<Session> {
  return adopt(api, await api.post<SessionAnswer>('/v1/invitations/accept', input, { auth: false }));
}

function adopt(api: ApiClient, answer: SessionAnswer): Session {
  const session = toSession(answer);
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
 * Replaces the password. The server ends every other session of the account;
 * this one's access token ends too and is renewed by the next request's refresh.
 */
export async function changePassword(api: ApiClient, input: { currentPassword: string; newPassword: string }) {
  await api.post('/v1/me/password', input);
}

/** Ends every session of the account, on every device; this one is signed out locally too. */
export async function signOutEverywhere(api: ApiClient): Promise<void> {
  await api.post('/v1/me/sign-out-everywhere');
  api.store.set(null);
}
