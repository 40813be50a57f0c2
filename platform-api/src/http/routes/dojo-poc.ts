import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { attachmentKey } from '@pocdojo/common/contracts/tenant-keys';
import { z } from 'zod';
import { Attachment } from '../../db/entities/Attachment.ts';
import { Dojo } from '../../db/entities/Dojo.ts';
import { Poc } from '../../db/entities/Poc.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { fetchDojoOutcome } from '../../domain/dojo-outcome.ts';
import { dojoPocFields, zipFiles, zipName } from '../../domain/dojo-poc.ts';
import { recordEvent } from '../../domain/outbox.ts';
import { createPocSchema } from '../../domain/poc-input.ts';
import { entityToView, pocView } from '../../domain/poc-view.ts';
import { notFound, problem } from '../../errors.ts';
import type { Language } from '../../katas/language.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';
import { idParams } from '../schemas.ts';
import { assertMayManage, dojoStatus } from './dojos.ts';
import { findKata } from './katas.ts';
import { upsertEvent } from './pocs.ts';

const alreadySaved = (pocId: string) => problem('dojo_already_saved', 'dojo.already_saved', { values: { pocId } });

/**
 * `POST /v1/dojos/:id/poc`: a finished dojo becomes a POC of the team (facilitator or admin, once):
 * see dojoPocFields for what goes in it. The final files, read from dojo-engine with the caller's
 * own token, are zipped into the tenant's storage and attached; the POC is indexed like any other.
 */
export function dojoPocRoutes(deps: PlatformDeps): AnyRoute[] {
  const save = defineRoute({
    method: 'post',
    path: '/v1/dojos/:id/poc',
    summary: 'Save a finished dojo as a POC: the kata, the traffic lights, the participants, the final files (zip)',
    tag: 'dojos',
    access: { kind: 'user' },
    params: idParams,
    responses: {
      201: {
        description: 'The POC, with the zip of the final files attached',
        schema: z.object({
          poc: pocView,
          attachment: z.object({ id: z.uuid(), fileName: z.string(), bytes: z.number().int() }),
        }),
      },
    },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const dojo = await inTenant(deps.orm, user.tenantId, (em) => em.findOne(Dojo, { id: params.id }));
      if (!dojo) throw notFound('notfound.dojo');
      assertMayManage(user, dojo);
      if (dojoStatus(dojo) !== 'finished') {
        throw problem('dojo_not_finished', 'dojo.not_finished');
      }
      if (dojo.pocId) throw alreadySaved(dojo.pocId);
      const outcome = await fetchDojoOutcome(deps.config.DOJO_ENGINE_URL, dojo.id, ctx.get('authorization'));
      if (outcome === 'never_held') {
        throw problem('dojo_never_held', 'dojo.never_held');
      }
      if (outcome === 'unavailable') {
        throw problem('dojo_engine_unavailable', 'dojo.engine_unavailable', {
          headers: { 'retry-after': '5' },
        });
      }
      const kata = dojo.kataId ? await findKata(deps, user.tenantId, dojo.kataId) : undefined;
      const fields = createPocSchema.parse({
        ...dojoPocFields(
          {
            title: dojo.title,
            language: dojo.language as Language,
            startedAt: dojo.scheduledAt ?? dojo.createdAt,
            endedAt: dojo.endedAt ?? null,
          },
          kata ?? null,
          outcome,
        ),
        repoUrl: null,
        status: 'done',
      });
      const pocId = randomUUID();
      const attachmentId = randomUUID();
      const fileName = zipName(dojo.title);
      const zip = zipFiles(outcome.files);
      const key = attachmentKey(user.tenantId, pocId, attachmentId, fileName);
      // The zip first: a POC never points at a missing object; a failed commit removes the orphan.
      await deps.objects.put(key, zip, 'application/zip');
      try {
        const view = await inTenant(deps.orm, user.tenantId, async (em) => {
          const locked = await em.findOne(Dojo, { id: dojo.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!locked) throw notFound('notfound.dojo');
          if (locked.pocId) throw alreadySaved(locked.pocId);
          const poc = em.create(Poc, { id: pocId, tenantId: user.tenantId, ownerId: user.userId, ...fields } as never);
          await em.flush();
          em.create(Attachment, {
            id: attachmentId,
            tenantId: user.tenantId,
            pocId,
            fileName,
            contentType: 'application/zip',
            bytes: zip.byteLength,
            key,
            createdBy: user.userId,
          });
          locked.pocId = pocId;
          const created = entityToView(poc);
          recordEvent(em, upsertEvent(user.tenantId, created));
          await em.flush();
          return created;
        });
        deps.eventsWritten();
        ctx.status = 201;
        ctx.set('Location', `/v1/pocs/${view.id}`);
        ctx.body = { poc: view, attachment: { id: attachmentId, fileName, bytes: zip.byteLength } };
      } catch (error) {
        await deps.objects
          .deleteMany([key])
          .catch((cleanup) => deps.logger.warn({ err: cleanup }, 'orphan dojo zip not removed'));
        throw error;
      }
    },
  });
  return [save];
}
