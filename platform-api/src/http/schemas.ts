import { z } from 'zod';

/** RFC 9457 problem details as answered by every endpoint. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export const idParams = z.object({ id: z.uuid() }).strict();

const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_NEWLINES = /[^\P{Cc}\t\n\r]/u;

/** Text without control characters (tabs and newlines allowed where `multiline`). */
export const cleanText = (min: number, max: number, multiline = false) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((s) => !(multiline ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(s), {
          message: 'must not contain control characters',
        }),
    );

export const emailSchema = z
  .string()
  .max(254)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email());

export const slugSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, 'use 3–40 letters, digits and inner hyphens'));

export const tenantView = z.object({ id: z.uuid(), name: z.string(), slug: z.string() }).meta({ id: 'Tenant' });
export const memberView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'member']),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Member' });
export const tokenPairView = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int(),
  })
  .meta({ id: 'TokenPair' });
