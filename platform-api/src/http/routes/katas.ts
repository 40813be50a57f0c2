import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { TenantKata, type TenantKataEntity } from '../../db/entities/TenantKata.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { fieldError, notFound, problem } from '../../errors.ts';
import { builtinKatas, findBuiltinKata } from '../../katas/builtin-katas.ts';
import { type Kata, kataIdSchema, kataSchema } from '../../katas/kata.ts';
import { type Language, Languages } from '../../katas/language.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';

/** A tenant's own kata: like a built-in one, with starters for at least one language. */
const tenantKataBody = kataSchema
  .extend({ starters: z.partialRecord(z.enum(Languages), kataSchema.shape.starters.valueType) })
  .strict()
  .refine((kata) => Object.keys(kata.starters).length > 0, {
    message: 'field.starters_required',
    path: ['starters'],
  })
  .meta({ id: 'KataCreate' });

const kataSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(z.string()),
    languages: z.array(z.enum(Languages)),
    builtin: z.boolean(),
  })
  .meta({ id: 'KataSummary' });

type AnyKata = Omit<Kata, 'starters'> & { starters: Partial<Kata['starters']>; builtin: boolean };

const fromEntity = (entity: TenantKataEntity): AnyKata => ({
  id: entity.id,
  title: entity.title,
  summary: entity.summary,
  description: entity.description,
  difficulty: entity.difficulty,
  tags: entity.tags as string[],
  starters: entity.starters,
  builtin: false,
});

const summarise = (kata: AnyKata) => ({
  id: kata.id,
  title: kata.title,
  summary: kata.summary,
  difficulty: kata.difficulty,
  tags: kata.tags,
  languages: Languages.filter((l) => kata.starters[l]),
  builtin: kata.builtin,
});

/** A built-in kata or one of the tenant's own; undefined when neither exists. */
export async function findKata(deps: PlatformDeps, tenantId: string, id: string): Promise<AnyKata | undefined> {
  const builtin = findBuiltinKata(id);
  if (builtin) return { ...builtin, builtin: true };
  const own = await inTenant(deps.orm, tenantId as never, (em) => em.findOne(TenantKata, { id }));
  return own ? fromEntity(own) : undefined;
}

/** Starter files of `kata` in `language`, or undefined when the kata has none for it. */
export const kataStarters = (kata: AnyKata, language: Language) =>
  kata.starters[language] ? { ...kata.starters[language].files } : undefined;

export function kataRoutes(deps: PlatformDeps): AnyRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/v1/katas',
    summary: 'The kata catalogue: built-in classics and the team’s own',
    tag: 'dojos',
    access: { kind: 'user' },
    responses: { 200: { description: 'Katas', schema: z.object({ items: z.array(kataSummary) }) } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      const own = await inTenant(deps.orm, user.tenantId, (em) =>
        em.find(TenantKata, {}, { orderBy: { title: 'asc' } }),
      );
      ctx.body = {
        items: [
          ...builtinKatas.map((k) => summarise({ ...k, builtin: true })),
          ...own.map((k) => summarise(fromEntity(k))),
        ],
      };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/katas/:id',
    summary: 'One kata with its description and starter files',
    tag: 'dojos',
    access: { kind: 'user' },
    params: z.object({ id: kataIdSchema }).strict(),
    responses: { 200: { description: 'The kata' } },
    async handler({ auth, params, ctx }) {
      const kata = await findKata(deps, asUser(auth).tenantId, params.id);
      if (!kata) throw notFound('notfound.kata');
      ctx.body = kata;
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/v1/katas',
    summary: "Add one of the team's own katas",
    tag: 'dojos',
    access: { kind: 'user' },
    body: tenantKataBody,
    responses: { 201: { description: 'Created', schema: kataSummary } },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      if (findBuiltinKata(body.id)) {
        throw problem('validation_failed', 'kata.builtin_id', {
          values: { id: body.id },
          errors: [fieldError('id', 'field.builtin_kata')],
        });
      }
      try {
        const entity = await inTenant(deps.orm, user.tenantId, async (em) => {
          const created = em.create(TenantKata, { ...body, tenantId: user.tenantId, createdBy: user.userId } as never);
          await em.flush();
          return created as TenantKataEntity;
        });
        ctx.status = 201;
        ctx.body = summarise(fromEntity(entity));
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw problem('validation_failed', 'kata.exists', {
            values: { id: body.id },
            errors: [fieldError('id', 'field.already_exists')],
          });
        }
        throw error;
      }
    },
  });

  return [list, get, create];
}
