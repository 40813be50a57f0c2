import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import { canonicalLanguage, labelKey } from '@pocdojo/common/languages';
import { z } from 'zod';
import { calendarDate, cleanText } from '../http/schemas.ts';

export const LIMITS = { languages: 20, tags: 30, languageLength: 40, tagLength: 50 } as const;

/**
 * A list of labels (languages, tags): trimmed, Unicode-normalised, inner
 * whitespace collapsed, `spell`ed, duplicates (compared case-insensitively)
 * removed, order kept. The spelling is kept: matching is case-insensitive
 * everywhere, display is not.
 */
const labels = (maxItems: number, maxLength: number, spell: (label: string) => string) =>
  z
    .array(cleanText(1, maxLength))
    .max(maxItems * 2)
    .transform((items) => {
      const byKey = new Map<string, string>();
      for (const item of items) {
        const label = spell(item.replace(/\s+/g, ' '));
        if (label && !byKey.has(labelKey(label))) byKey.set(labelKey(label), label);
      }
      return [...byKey.values()];
    })
    .pipe(z.array(z.string()).max(maxItems));

/** "#k8s" is how tags are shown; typing it back means the tag "k8s". */
export const tagLabel = (tag: string): string => tag.trim().replace(/^#+/, '').trim();

const isoDate = calendarDate.nullable();

const fields = {
  name: cleanText(1, 200),
  description: cleanText(0, 10_000, true),
  languages: labels(LIMITS.languages, LIMITS.languageLength, canonicalLanguage),
  tags: labels(LIMITS.tags, LIMITS.tagLength, tagLabel),
  repoUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2048)
    .nullable(),
  status: z.enum(PocStatuses),
  startedAt: isoDate,
  finishedAt: isoDate,
};

const datesInOrder = (poc: { startedAt?: string | null; finishedAt?: string | null }) =>
  !poc.startedAt || !poc.finishedAt || poc.startedAt <= poc.finishedAt;
const datesMessage = { message: 'finishedAt must not be before startedAt', path: ['finishedAt'] };

export const createPocSchema = z
  .object({
    name: fields.name,
    description: fields.description.default(''),
    languages: fields.languages,
    tags: fields.tags.default([]),
    repoUrl: fields.repoUrl.optional().default(null),
    status: fields.status.default('idea'),
    startedAt: fields.startedAt.optional().default(null),
    finishedAt: fields.finishedAt.optional().default(null),
  })
  .strict()
  .refine(datesInOrder, datesMessage)
  .meta({ id: 'PocCreate' });

export const updatePocSchema = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    languages: fields.languages.optional(),
    tags: fields.tags.optional(),
    repoUrl: fields.repoUrl.optional(),
    status: fields.status.optional(),
    startedAt: fields.startedAt.optional(),
    finishedAt: fields.finishedAt.optional(),
    ownerId: z.uuid().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'PocUpdate' });

export type CreatePoc = z.infer<typeof createPocSchema>;
export type UpdatePoc = z.infer<typeof updatePocSchema>;

export { datesInOrder };
