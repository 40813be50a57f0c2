import { Roles } from '@pocdojo/common/contracts/vocabularies';
import { textPolicyViolation } from '@pocdojo/common/text-policy';
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
    limit: z
      .string()
      .optional()
      .describe("A quota problem's limit, as named in the tenant's plan (`pocs`, `storageBytes`…)"),
    value: z.number().optional().describe("That limit's value for the tenant"),
    plan: z.string().optional().describe("The tenant's plan"),
  })
  .meta({ id: 'Problem' });

export const idParams = z.object({ id: z.uuid() }).strict();

/** Refines a string schema with the text policy (common/src/text-policy.ts). */
export const withTextPolicy = (schema: z.ZodString, multiline: boolean) =>
  schema.superRefine((text, ctx) => {
    const violation = textPolicyViolation(text, { multiline });
    if (violation) ctx.addIssue({ code: 'custom', message: violation });
  });

/**
 * Text a person types (names, titles, descriptions): NFC-normalised, trimmed,
 * within the text policy (tabs and line breaks only where `multiline`).
 */
export const cleanText = (min: number, max: number, multiline = false) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(withTextPolicy(z.string().min(min).max(max), multiline));

/** Code and other text kept byte for byte (starter files): not trimmed, multi-line, within the text policy. */
export const codeText = (max: number) => withTextPolicy(z.string().max(max), true);

const YEARS = { min: 1000, max: 9999 } as const;
const yearInRange = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= YEARS.min && year <= YEARS.max;
};
/** A key of the message catalogue: the field message is written in the reader's language. */
const yearMessage = { message: 'field.year_range' };

/** A calendar date, YYYY-MM-DD, in a range Postgres and every client can hold (there is no year 0). */
export const calendarDate = z.iso.date().refine(yearInRange, yearMessage);

/** An instant with its offset, in the same year range. */
export const instant = z.iso.datetime({ offset: true }).refine((iso) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && yearInRange(new Date(ms).toISOString());
}, yearMessage);

export const emailSchema = z
  .string()
  .max(254)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email());

export const slugSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, 'field.slug_format'));

export const tenantView = z.object({ id: z.uuid(), name: z.string(), slug: z.string() }).meta({ id: 'Tenant' });
export const memberView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(Roles),
    locale: z.enum(['pt-BR', 'en']),
    emailVerified: z.boolean(),
    pendingEmail: z.string().nullable(),
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
