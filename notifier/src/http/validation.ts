import { Problem } from '@pocdojo/common/runtime/problem';
import type { z } from 'zod';
import { ErrorCodes } from '../errors.ts';

/** Parses `input` with `schema`, or throws a 400 problem naming every bad field (`where.path`). */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Problem(400, ErrorCodes.validationFailed, 'Bad Request', {
    detail: `The request ${where} is invalid`,
    errors: result.error.issues.map((issue) => ({
      field: [where, ...issue.path].join('.'),
      message: issue.message,
      code: issue.code,
    })),
  });
}
