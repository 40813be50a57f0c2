import { Problem } from '@pocdojo/common/problem';
import type { AccessClaims } from '@pocdojo/common/tokens';
import { TokenError } from '@pocdojo/common/tokens';
import { EngineProblemCode } from './problem-codes.ts';

/** The verified claims of the request's `Authorization: Bearer` access token, or a 401 problem. */
export async function authenticate(
  header: string,
  verify: (token: string) => Promise<AccessClaims>,
): Promise<AccessClaims> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new Problem(401, EngineProblemCode.unauthenticated, 'Unauthorized', {
      detail: 'An access token is required (Authorization: Bearer …)',
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  try {
    return await verify(match[1]!);
  } catch (error) {
    if (error instanceof TokenError) {
      throw new Problem(401, error.code, 'Unauthorized', {
        detail: error.message,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    }
    throw error;
  }
}
