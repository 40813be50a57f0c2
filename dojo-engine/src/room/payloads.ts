import { asBytes } from '@pocdojo/common/dojo-protocol/encoding';
import { DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import type { z } from 'zod';
import { CommandError } from './command-error.ts';

/** A room message's payload checked against its schema; a mismatch is refused as malformed, naming the field. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CommandError(
      DojoErrorCode.malformedMessage,
      issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload',
    );
  }
  return result.data;
}

/** A binary room message's bytes (raw or msgpack-wrapped); anything else is refused as malformed. */
export function binaryPayload(payload: unknown): Uint8Array {
  const bytes = asBytes(payload);
  if (!bytes) throw new CommandError(DojoErrorCode.malformedMessage, 'expected a binary payload');
  return bytes;
}
