import type { Context, Next } from 'koa';
import { DomainError } from '../domain/domain-error.ts';
import { problem } from '../errors.ts';

/** Koa middleware turning a DomainError thrown below into its problem (status, localized detail, headers). */
export function domainErrors() {
  return async (_ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { code, key, values, headers, extensions } = error;
      throw problem(code, key, {
        ...(values ? { values } : {}),
        ...(headers ? { headers } : {}),
        ...(extensions ? { extensions } : {}),
        cause: error,
      });
    }
  };
}
