import { MAX_TICKET_STARTER_BYTES } from '@pocdojo/common/dojo-protocol/ticket';
import { z } from 'zod';
import { cleanText, codeText, withTextPolicy } from '../http/schemas.ts';
import { type Language, Languages } from './language.ts';

export const Difficulties = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof Difficulties)[number];

/** The files a dojo's document starts from in one language: path (relative, `/`-separated) → text. */
export interface StarterSet {
  files: Record<string, string>;
}

/** A kata of the catalogue: the exercise a facilitator picks for a dojo. */
export interface Kata {
  /** Stable slug, e.g. `roman-numerals`; the `kataId` a dojo and its ticket refer to. */
  id: string;
  title: string;
  /** One line for lists and pickers. */
  summary: string;
  /** Markdown handout: the problem, the rules, examples, suggested steps. */
  description: string;
  difficulty: Difficulty;
  /** Slug-shaped tags (`tdd`, `refactoring`, `parsing`, …). */
  tags: string[];
  /** Starter files per language; each set travels inside the dojo ticket, hence the size limit. */
  starters: Record<Language, StarterSet>;
}

export const KATA_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const KATA_LIMITS = {
  idLength: 64,
  titleLength: 80,
  summaryLength: 200,
  descriptionLength: 20_000,
  tags: 10,
  tagLength: 30,
  files: 10,
  // Same bound as the ticket's `dojoSettingsSchema` accepts for a file path.
  pathLength: 200,
  starterBytes: MAX_TICKET_STARTER_BYTES,
} as const;

/** UTF-8 bytes of a starter set, measured the way the dojo ticket measures it (file contents only). */
export function starterBytes(files: Record<string, string>): number {
  return Object.values(files).reduce((total, text) => total + Buffer.byteLength(text), 0);
}

const slug = (max: number) => z.string().max(max).regex(KATA_ID_PATTERN, 'field.kata_slug');

/** A kata's id wherever one is named (a dojo's kata, `GET /v1/katas/:id`). */
export const kataIdSchema = slug(KATA_LIMITS.idLength);

const starterPath = withTextPolicy(z.string().min(1).max(KATA_LIMITS.pathLength), false)
  .refine((path) => !path.startsWith('/') && !path.includes('\\'), 'field.relative_path')
  .refine((path) => path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), {
    message: 'field.path_segments',
  });

const starterSetSchema = z.object({
  files: z
    .record(starterPath, codeText(KATA_LIMITS.starterBytes))
    .refine((files) => Object.keys(files).length >= 1, 'field.files_required')
    .refine((files) => Object.keys(files).length <= KATA_LIMITS.files, {
      message: 'field.files_max',
      params: { max: KATA_LIMITS.files },
    })
    .refine((files) => starterBytes(files) <= KATA_LIMITS.starterBytes, {
      message: 'field.starter_bytes',
      params: { max: KATA_LIMITS.starterBytes },
    }),
});

/**
 * Validates a kata: the built-in ones at load, and the basis for a tenant's own
 * (`POST /v1/katas`). Every language must have starter files.
 */
export const kataSchema = z.object({
  id: kataIdSchema,
  title: cleanText(1, KATA_LIMITS.titleLength),
  summary: cleanText(1, KATA_LIMITS.summaryLength),
  description: cleanText(1, KATA_LIMITS.descriptionLength, true),
  difficulty: z.enum(Difficulties),
  tags: z
    .array(slug(KATA_LIMITS.tagLength))
    .max(KATA_LIMITS.tags)
    .refine((tags) => new Set(tags).size === tags.length, 'field.tags_unique'),
  starters: z.record(z.enum(Languages), starterSetSchema),
}) satisfies z.ZodType<Kata>;
