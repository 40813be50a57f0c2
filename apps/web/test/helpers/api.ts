import { randomBytes } from 'node:crypto';
import { invitationToken } from '../../../../platform-api/test/helpers/invitation-token.ts';

/** Direct platform-api calls for test set-up (the UI paths are exercised by the tests themselves). */
export async function call<T>(
  apiUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export interface TestTeam {
  slug: string;
  owner: { email: string; password: string; name: string; token: string; id: string };
}

/**
 * A fresh team with its owner, through the public signup endpoint. The owner
 * speaks English unless `locale` says otherwise, so that a test picks its
 * language explicitly (new teams default to pt-BR, and so would an owner whose
 * sign-up named no language).
 */
export async function signupTeam(
  apiUrl: string,
  ownerName = 'Ada Owner',
  options: { locale?: 'en' | 'pt-BR' } = {},
): Promise<TestTeam> {
  const suffix = randomBytes(4).toString('hex');
  const password = `Correct-Horse-${suffix}-Battery`;
  const email = `ada-${suffix}@example.com`;
  const answer = await call<{ tenant: { slug: string }; user: { id: string }; accessToken: string }>(
    apiUrl,
    'POST',
    '/v1/signup',
    undefined,
    {
      tenantName: `Team ${suffix}`,
      tenantSlug: `team-${suffix}`,
      name: ownerName,
      email,
      password,
      locale: options.locale ?? 'en',
    },
  );
  return {
    slug: answer.tenant.slug,
    owner: { email, password, name: ownerName, token: answer.accessToken, id: answer.user.id },
  };
}

/**
 * Adds a member the way the product does — an invitation by e-mail, accepted
 * through its link — for tests whose subject is something else: the link is
 * read from platform-api's outbox instead of a mailbox.
 */
export async function joinByInvitation(
  apiUrl: string,
  platformOwnerUrl: string,
  ownerToken: string,
  person: { name: string; email: string; role?: string; locale?: 'en' | 'pt-BR' },
): Promise<{ id: string; email: string; password: string; token: string }> {
  const invitation = await call<{ id: string }>(apiUrl, 'POST', '/v1/invitations', ownerToken, {
    email: person.email,
    role: person.role ?? 'member',
  });
  const token = await invitationToken(platformOwnerUrl, invitation.id);
  const password = `Correct-Horse-${randomBytes(4).toString('hex')}-Battery`;
  const joined = await call<{ user: { id: string }; accessToken: string }>(
    apiUrl,
    'POST',
    '/v1/invitations/accept',
    undefined,
    // English unless the test says otherwise, like signupTeam's owner.
    { token, name: person.name, password, locale: person.locale ?? 'en' },
  );
  return { id: joined.user.id, email: person.email.toLowerCase(), password, token: joined.accessToken };
}
