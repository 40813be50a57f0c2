import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { TenantKata, type TenantKataEntity } from '../../db/entities/TenantKata.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { tooMany } from '../../domain/rate-limits.ts';
import { fieldError, notFound, problem } from '../../errors.ts';
import { builtinKatas, findBuiltinKata } from '../../katas/builtin-katas.ts';
import { type Kata, kataIdSchema, kataSchema } from '../../katas/kata.ts';
import { type AnyKata, findKata, fromEntity } from '../../katas/kata-catalogue.ts';
import { Languages } from '../../katas/language.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, isAdmin, type UserAuth } from '../authentication.ts';

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

const summarise = (kata: AnyKata) => ({
  id: kata.id,
  title: kata.title,
  summary: kata.summary,
  difficulty: kata.difficulty,
  tags: kata.tags,
  languages: Languages.filter((l) => kata.starters[l]),
  builtin: kata.builtin,
});

/** Only the kata's author or a team admin changes a team kata; built-in katas change with a release. */
function assertMayChange(user: UserAuth, kata: TenantKataEntity | null, id: string): asserts kata is TenantKataEntity {
  if (findBuiltinKata(id)) throw problem('forbidden', 'kata.builtin_readonly', { values: { id } });
  if (!kata) throw notFound('notfound.kata');
  if (kata.createdBy !== user.userId && !isAdmin(user)) {
    throw problem('forbidden', 'kata.author_only');
  }
}

/** Saves that run starters in the sandbox, per user: a member cannot keep the runner busy. */
export const KATA_CHECKS_PER_USER = { points: 20, durationSeconds: 600 } as const;

export function kataRoutes(deps: PlatformDeps): AnyRoute[] {
  const checks = new RateLimiterMemory({
    points: KATA_CHECKS_PER_USER.points,
    duration: KATA_CHECKS_PER_USER.durationSeconds,
    keyPrefix: 'kata-check',
  });

  /** Each language's starter tests must run in the sandbox to red or green; amber refuses the kata. */
  async function checkStarters(userId: string, starters: Partial<Kata['starters']>): Promise<void> {
    if (!deps.kataChecker) return;
    try {
      await checks.consume(userId);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
      throw error;
    }
    const verdicts = await deps.kataChecker(starters);
    if (verdicts.some((check) => check.colour === 'unavailable')) {
      throw problem('kata_runner_unavailable', 'kata.runner_unavailable', {
        headers: { 'retry-after': '10' },
      });
    }
    const amber = verdicts.filter((check) => check.colour === 'amber');
    if (amber.length) {
      throw problem('validation_failed', 'kata.starters_amber', {
        errors: amber.map((check) =>
          fieldError(`starters.${check.language}`, 'field.starter_amber', {
            values: { reason: check.reason ?? 'no reason given', summary: check.summary },
          }),
        ),
      });
    }
  }

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
      if (await inTenant(deps.orm, user.tenantId, (em) => em.findOne(TenantKata, { id: body.id }))) {
        throw problem('validation_failed', 'kata.exists', {
          values: { id: body.id },
          errors: [fieldError('id', 'field.already_exists')],
        });
      }
      await checkStarters(user.userId, body.starters);
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

  const replace = defineRoute({
    method: 'put',
    path: '/v1/katas/:id',
    summary: "Change one of the team's own katas (its author or an admin); the starters are run again first",
    tag: 'dojos',
    access: { kind: 'user' },
    params: z.object({ id: kataIdSchema }).strict(),
    body: tenantKataBody,
    responses: { 200: { description: 'Changed', schema: kataSummary } },
    async handler({ auth, params, body, ctx }) {
      const user = asUser(auth);
      if (body.id !== params.id) {
        throw problem('validation_failed', 'kata.id_mismatch', {
          errors: [fieldError('id', 'field.must_be', { values: { value: params.id } })],
        });
      }
      assertMayChange(
        user,
        await inTenant(deps.orm, user.tenantId, (em) => em.findOne(TenantKata, { id: params.id })),
        params.id,
      );
      await checkStarters(user.userId, body.starters);
      const entity = await inTenant(deps.orm, user.tenantId, async (em) => {
        const kata = await em.findOne(TenantKata, { id: params.id });
        assertMayChange(user, kata, params.id);
        em.assign(kata, {
          title: body.title,
          summary: body.summary,
          description: body.description,
          difficulty: body.difficulty,
          tags: body.tags,
          starters: body.starters,
        } as never);
        await em.flush();
        return kata;
      });
      ctx.body = summarise(fromEntity(entity));
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/katas/:id',
    summary: "Delete one of the team's own katas (its author or an admin); dojos already held keep their files",
    tag: 'dojos',
    access: { kind: 'user' },
    params: z.object({ id: kataIdSchema }).strict(),
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      await inTenant(deps.orm, user.tenantId, async (em) => {
        const kata = await em.findOne(TenantKata, { id: params.id });
        assertMayChange(user, kata, params.id);
        em.remove(kata);
        await em.flush();
      });
      ctx.status = 204;
    },
  });

  return [list, get, create, replace, remove];
}
