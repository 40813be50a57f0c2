import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { type DojoStatus, DojoStatuses, EditPolicies } from '@pocdojo/common/contracts/vocabularies';
import { EventTypes, Queues } from '@pocdojo/common/events';
import type { DojoId } from '@pocdojo/common/ids';
import { type DojoSettings, signDojoTicket } from '@pocdojo/common/tokens';
import { z } from 'zod';
import { Dojo, type DojoEntity } from '../../db/entities/Dojo.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { notifyDojoScheduled } from '../../domain/activity-notifications.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { recordEvent } from '../../domain/outbox.ts';
import { fieldError, notFound, problem } from '../../errors.ts';
import { kataIdSchema } from '../../katas/kata.ts';
import { type Language, Languages } from '../../katas/language.ts';
import { tenantPlan } from '../../quotas/tenant-quotas.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, isAdmin, type UserAuth } from '../authentication.ts';
import { decodeCursor, encodeCursor, isIsoTimestamp } from '../cursor.ts';
import { cleanText, idParams, instant } from '../schemas.ts';
import { findKata, kataStarters } from './katas.ts';

export const TICKET_TTL_SECONDS = 60;
/** The one empty file a dojo without a kata starts from. */
const BLANK_FILE: Record<Language, string> = {
  typescript: 'main.ts',
  python: 'main.py',
  java: 'Main.java',
  go: 'main.go',
};
/** A dojo nobody ended is considered finished this long after its planned end. */
const OVERRUN_MINUTES = 60;

const settingsFields = {
  title: cleanText(1, 200),
  kataId: kataIdSchema.nullable(),
  language: z.enum(Languages),
  durationMinutes: z.number().int().min(5).max(480),
  rotationMinutes: z.number().int().min(1).max(120),
  editPolicy: z.enum(EditPolicies),
  scheduledAt: instant.nullable(),
};

const createBody = z
  .object({
    ...settingsFields,
    kataId: settingsFields.kataId.optional().default(null),
    scheduledAt: settingsFields.scheduledAt.optional().default(null),
  })
  .strict()
  .refine((d) => d.rotationMinutes <= d.durationMinutes, {
    message: 'dojo.rotation_exceeds',
    path: ['rotationMinutes'],
  })
  .meta({ id: 'DojoCreate' });

const updateBody = z
  .object({
    title: settingsFields.title.optional(),
    kataId: settingsFields.kataId.optional(),
    language: settingsFields.language.optional(),
    durationMinutes: settingsFields.durationMinutes.optional(),
    rotationMinutes: settingsFields.rotationMinutes.optional(),
    editPolicy: settingsFields.editPolicy.optional(),
    scheduledAt: settingsFields.scheduledAt.optional(),
    finished: z.literal(true).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'field.patch_empty' })
  .meta({ id: 'DojoUpdate' });

const dojoView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    facilitatorId: z.uuid(),
    kataId: z.string().nullable(),
    language: z.enum(Languages),
    durationMinutes: z.number(),
    rotationMinutes: z.number(),
    editPolicy: z.enum(EditPolicies),
    scheduledAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    /** The POC this dojo was saved as (POST /v1/dojos/:id/poc), if any. */
    pocId: z.uuid().nullable(),
    status: z.enum(DojoStatuses),
    createdAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Dojo' });

/** Scheduled before its start, live from then until ended (or an hour past its planned end), then finished. */
export function dojoStatus(dojo: DojoEntity, now = new Date()): DojoStatus {
  if (dojo.endedAt) return 'finished';
  const start = dojo.scheduledAt ?? dojo.createdAt;
  if (start > now) return 'scheduled';
  const overrun = start.getTime() + (dojo.durationMinutes + OVERRUN_MINUTES) * 60_000;
  return now.getTime() > overrun ? 'finished' : 'live';
}

const toView = (dojo: DojoEntity) => ({
  id: dojo.id,
  title: dojo.title,
  facilitatorId: dojo.facilitatorId,
  kataId: dojo.kataId ?? null,
  language: dojo.language as Language,
  durationMinutes: dojo.durationMinutes,
  rotationMinutes: dojo.rotationMinutes,
  editPolicy: dojo.editPolicy,
  scheduledAt: dojo.scheduledAt?.toISOString() ?? null,
  endedAt: dojo.endedAt?.toISOString() ?? null,
  pocId: dojo.pocId ?? null,
  status: dojoStatus(dojo),
  createdAt: dojo.createdAt.toISOString(),
  version: dojo.version,
});

export function assertMayManage(auth: UserAuth, dojo: DojoEntity): void {
  if (dojo.facilitatorId !== auth.userId && !isAdmin(auth)) {
    throw problem('forbidden', 'dojo.facilitator_only');
  }
}

export function dojoRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  /** The kata must exist and have starters in the dojo's language. */
  async function checkKata(tenantId: string, kataId: string | null, language: Language) {
    if (!kataId) return;
    const kata = await findKata(deps, tenantId, kataId);
    const field = (key: 'kata.unknown' | 'kata.no_starters') => {
      const values = { id: kataId, language };
      return problem('validation_failed', key, { values, errors: [fieldError('kataId', key, { values })] });
    };
    if (!kata) throw field('kata.unknown');
    if (!kataStarters(kata, language)) throw field('kata.no_starters');
  }

  const create = defineRoute({
    method: 'post',
    path: '/v1/dojos',
    summary: 'Schedule a dojo; the caller becomes its facilitator',
    tag: 'dojos',
    access: { kind: 'user' },
    body: createBody,
    responses: { 201: { description: 'Created', schema: dojoView } },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      await checkKata(user.tenantId, body.kataId, body.language);
      const dojo = await inTenant(orm, user.tenantId, async (em) => {
        const created = em.create(Dojo, {
          id: randomUUID(),
          tenantId: user.tenantId,
          facilitatorId: user.userId,
          ...body,
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
          endedAt: null,
          version: 1,
        });
        await em.flush();
        await notifyDojoScheduled(em, created);
        return created;
      });
      deps.eventsWritten();
      ctx.status = 201;
      ctx.set('Location', `/v1/dojos/${dojo.id}`);
      ctx.body = toView(dojo);
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/dojos',
    summary: "The team's dojos, newest first; filter by status (scheduled, live, finished)",
    tag: 'dojos',
    access: { kind: 'user' },
    query: z
      .object({
        status: z.enum(DojoStatuses).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        cursor: z.string().max(200).optional(),
      })
      .strict(),
    responses: {
      200: { description: 'Dojos', schema: z.object({ items: z.array(dojoView), nextCursor: z.string().nullable() }) },
    },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const after = query.cursor
        ? decodeCursor(query.cursor, [isIsoTimestamp, (s) => z.uuid().safeParse(s).success])
        : null;
      // Status depends on the clock, so it filters after loading; pages hold up to `limit` matches.
      const items: ReturnType<typeof toView>[] = [];
      let nextCursor: string | null = null;
      await inTenant(orm, user.tenantId, async (em) => {
        let cursor = after;
        for (;;) {
          const batch = await em.find(
            Dojo,
            cursor
              ? {
                  $or: [
                    { createdAt: { $lt: new Date(cursor[0]!) } },
                    { createdAt: new Date(cursor[0]!), id: { $lt: cursor[1]! } },
                  ],
                }
              : {},
            { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 },
          );
          for (const dojo of batch) {
            cursor = [dojo.createdAt.toISOString(), dojo.id];
            const view = toView(dojo);
            if (query.status && view.status !== query.status) continue;
            items.push(view);
            if (items.length === query.limit) {
              nextCursor = encodeCursor(cursor);
              return;
            }
          }
          if (batch.length < 200) return;
        }
      });
      ctx.body = { items, nextCursor };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/dojos/:id',
    summary: 'One dojo',
    tag: 'dojos',
    access: { kind: 'user' },
    params: idParams,
    responses: { 200: { description: 'The dojo', schema: dojoView } },
    async handler({ auth, params, ctx }) {
      const dojo = await inTenant(orm, asUser(auth).tenantId, (em) => em.findOne(Dojo, { id: params.id }));
      if (!dojo) throw notFound('notfound.dojo');
      ctx.body = toView(dojo);
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/v1/dojos/:id',
    summary: 'Change a dojo, or end it with {finished: true} (facilitator or admin)',
    tag: 'dojos',
    access: { kind: 'user' },
    params: idParams,
    body: updateBody,
    responses: { 200: { description: 'Updated', schema: dojoView } },
    async handler({ auth, params, body, ctx }) {
      const user = asUser(auth);
      const { finished, scheduledAt, ...fields } = body;
      ctx.body = await inTenant(orm, user.tenantId, async (em) => {
        const dojo = await em.findOne(Dojo, { id: params.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!dojo) throw notFound('notfound.dojo');
        assertMayManage(user, dojo);
        const next = { ...toView(dojo), ...fields };
        if (next.rotationMinutes > next.durationMinutes) {
          throw problem('validation_failed', 'dojo.rotation_exceeds', {
            errors: [fieldError('rotationMinutes', 'field.rotation_exceeds')],
          });
        }
        if (fields.kataId !== undefined || fields.language) await checkKata(user.tenantId, next.kataId, next.language);
        em.assign(dojo, {
          ...fields,
          ...(scheduledAt !== undefined ? { scheduledAt: scheduledAt ? new Date(scheduledAt) : null } : {}),
          ...(finished ? { endedAt: new Date() } : {}),
        });
        await em.flush();
        // The live room, if any, applies the new settings (dojo-engine consumes dojo-events).
        recordEvent(em, {
          queue: Queues.dojoEvents,
          type: EventTypes.dojoSettingsChanged,
          tenantId: user.tenantId,
          groupKey: dojo.id,
          data: {
            dojoId: dojo.id,
            settings: {
              title: dojo.title,
              language: dojo.language,
              durationMinutes: dojo.durationMinutes,
              rotationMinutes: dojo.rotationMinutes,
              editPolicy: dojo.editPolicy,
              kataId: dojo.kataId ?? null,
              version: dojo.version,
            },
          },
        });
        await em.flush();
        if (scheduledAt && !finished) await notifyDojoScheduled(em, dojo);
        return toView(dojo);
      });
      deps.eventsWritten();
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/dojos/:id',
    summary: 'Delete a dojo (facilitator or admin)',
    tag: 'dojos',
    access: { kind: 'user' },
    params: idParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      await inTenant(orm, user.tenantId, async (em) => {
        const dojo = await em.findOne(Dojo, { id: params.id });
        if (!dojo) throw notFound('notfound.dojo');
        assertMayManage(user, dojo);
        await em.nativeDelete(Dojo, { id: dojo.id });
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'dojo.deleted',
          targetType: 'dojo',
          targetId: dojo.id,
          details: { title: dojo.title },
          origin: requestOrigin(ctx),
        });
      });
      ctx.status = 204;
    },
  });

  const ticket = defineRoute({
    method: 'post',
    path: '/v1/dojos/:id/tickets',
    summary: 'A short-lived ticket to join the dojo room on dojo-engine (joinOrCreate("dojo", {ticket}))',
    tag: 'dojos',
    access: { kind: 'user' },
    params: idParams,
    responses: {
      201: {
        description: 'Ticket (JWT, ~60 s) and where to use it',
        schema: z.object({
          ticket: z.string(),
          engineUrl: z.string(),
          roomName: z.literal('dojo'),
          expiresIn: z.number(),
        }),
      },
    },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const found = await inTenant(orm, user.tenantId, async (em) => ({
        dojo: await em.findOne(Dojo, { id: params.id }),
        member: await em.findOne(User, { id: user.userId }),
        // The engine enforces the plan's participants at once; the ticket carries the limit.
        tenant: await tenantPlan(em, user.tenantId),
      }));
      if (!found.dojo) throw notFound('notfound.dojo');
      if (!found.member) throw problem('unauthenticated', 'account.gone');
      const dojo = found.dojo;
      const language = dojo.language as Language;
      const kata = dojo.kataId ? await findKata(deps, user.tenantId, dojo.kataId) : undefined;
      const settings: DojoSettings = {
        title: dojo.title,
        language,
        durationMinutes: dojo.durationMinutes,
        rotationMinutes: dojo.rotationMinutes,
        editPolicy: dojo.editPolicy,
        kataId: dojo.kataId ?? null,
        version: dojo.version,
        files: (kata && kataStarters(kata, language)) ?? { [BLANK_FILE[language]]: '' },
      };
      const token = await signDojoTicket(
        deps.signingKey,
        {
          sub: user.userId,
          tid: user.tenantId,
          did: dojo.id as DojoId,
          name: found.member.name,
          drole: dojo.facilitatorId === user.userId ? 'facilitator' : 'participant',
          dojo: settings,
          maxp: found.tenant.limits.dojoParticipants,
        },
        { issuer: deps.config.JWT_ISSUER, ttlSeconds: TICKET_TTL_SECONDS },
      );
      ctx.status = 201;
      ctx.body = {
        ticket: token,
        engineUrl: deps.config.DOJO_ENGINE_URL,
        roomName: 'dojo',
        expiresIn: TICKET_TTL_SECONDS,
      };
    },
  });

  return [create, list, get, update, remove, ticket];
}
