import { Problem } from '@pocdojo/common/problem';
import type { z } from 'zod';

/** Parses an internal route's query string, or throws a 400 problem naming each bad field. */
export function internalQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new Problem(400, 'invalid_request', 'Bad Request', {
    errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  });
}
