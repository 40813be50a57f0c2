import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { attachmentKey } from '@pocdojo/common/contracts/tenant-keys';
import { z } from 'zod';
import { Attachment, type AttachmentEntity } from '../../db/entities/Attachment.ts';
import { Poc } from '../../db/entities/Poc.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { notFound, problem } from '../../errors.ts';
import { assertAttachmentFits, lockTenantQuota, tenantPlan } from '../../quotas/tenant-quotas.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, isAdmin, type UserAuth } from '../authentication.ts';
import { cleanText, idParams } from '../schemas.ts';

export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
export const ATTACHMENTS_PER_POC = 50;
const URL_TTL_SECONDS = 300;

/** Content types people attach to POCs; anything executable or HTML-like is refused. */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'application/zip',
  'application/json',
  'text/plain',
  'text/markdown',
  'text/csv',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'video/mp4',
] as const;

const attachmentBody = z
  .object({
    fileName: cleanText(1, 200).refine((s) => !/[\\/]/.test(s), 'field.file_name'),
    contentType: z.enum(ALLOWED_CONTENT_TYPES),
    bytes: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES),
  })
  .strict()
  .meta({ id: 'AttachmentRequest' });

const attachmentView = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
    createdAt: z.string(),
    url: z.string().meta({ description: 'Presigned download (Content-Disposition: attachment, text as UTF-8)' }),
    previewUrl: z.string().meta({ description: 'Presigned GET shown in the browser (inline), for previews' }),
  })
  .meta({ id: 'Attachment' });

const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() }).strict();
const renameBody = z.object({ fileName: attachmentBody.shape.fileName }).strict().meta({ id: 'AttachmentRename' });

export function attachmentRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, objects } = deps;

  const create = defineRoute({
    method: 'post',
    path: '/v1/pocs/:id/attachments',
    summary: 'Get a presigned PUT URL to upload an attachment (size and type are signed)',
    tag: 'pocs',
    access: { kind: 'user' },
    params: idParams,
    body: attachmentBody,
    responses: {
      201: {
        description: 'Upload with PUT to `uploadUrl`, with the same Content-Type and exactly `bytes` bytes',
        schema: z.object({
          attachment: attachmentView.omit({ url: true }),
          uploadUrl: z.string(),
          method: z.literal('PUT'),
          headers: z.record(z.string(), z.string()),
          expiresIn: z.number(),
        }),
      },
      403: {
        description: "Larger than the plan's `attachmentBytes`, or past its `storageBytes` (`limit`, `value`)",
      },
    },
    async handler({ auth, params, body, ctx }) {
      const user = asUser(auth);
      const attachment = await inTenant(orm, user.tenantId, async (em) => {
        const poc = await em.findOne(Poc, { id: params.id });
        if (!poc) throw notFound('notfound.poc');
        if (poc.ownerId !== user.userId && !isAdmin(user)) {
          throw problem('forbidden', 'attachment.owner_only');
        }
        if ((await em.count(Attachment, { pocId: poc.id })) >= ATTACHMENTS_PER_POC) {
          throw problem('validation_failed', 'attachment.limit', {
            values: { max: ATTACHMENTS_PER_POC },
          });
        }
        await lockTenantQuota(em, user.tenantId);
        await assertAttachmentFits(em, await tenantPlan(em, user.tenantId), body.bytes);
        const id = randomUUID();
        return em.create(Attachment, {
          id,
          tenantId: user.tenantId,
          pocId: poc.id,
          fileName: body.fileName,
          contentType: body.contentType,
          bytes: body.bytes,
          key: attachmentKey(user.tenantId, poc.id, id, body.fileName),
          createdBy: user.userId,
        });
      });
      const uploadUrl = await objects.presignPut(attachment.key, {
        contentType: attachment.contentType,
        bytes: attachment.bytes,
        expiresIn: URL_TTL_SECONDS,
      });
      ctx.status = 201;
      ctx.body = {
        attachment: {
          id: attachment.id,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          bytes: attachment.bytes,
          createdAt: attachment.createdAt.toISOString(),
        },
        uploadUrl,
        method: 'PUT',
        headers: { 'Content-Type': attachment.contentType },
        expiresIn: URL_TTL_SECONDS,
      };
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/pocs/:id/attachments',
    summary: "A POC's attachments with short-lived presigned download URLs",
    tag: 'pocs',
    access: { kind: 'user' },
    params: idParams,
    responses: { 200: { description: 'Attachments', schema: z.object({ items: z.array(attachmentView) }) } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const attachments = await inTenant(orm, user.tenantId, async (em) => {
        if (!(await em.findOne(Poc, { id: params.id }))) throw notFound('notfound.poc');
        return em.find(Attachment, { pocId: params.id }, { orderBy: { createdAt: 'asc' } });
      });
      ctx.body = {
        items: await Promise.all(attachments.map(view)),
      };
    },
  });

  async function view(a: AttachmentEntity) {
    const signed = { expiresIn: URL_TTL_SECONDS, fileName: a.fileName, contentType: a.contentType };
    return {
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      bytes: a.bytes,
      createdAt: a.createdAt.toISOString(),
      url: await objects.presignGet(a.key, signed),
      previewUrl: await objects.presignGet(a.key, { ...signed, disposition: 'inline' }),
    };
  }

  /** The attachment, after checking the caller may change the POC it belongs to. */
  async function editable(em: EntityManager, user: UserAuth, pocId: string, attachmentId: string) {
    const poc = await em.findOne(Poc, { id: pocId });
    if (!poc) throw notFound('notfound.poc');
    const attachment = await em.findOne(Attachment, { id: attachmentId, pocId });
    if (!attachment) throw notFound('notfound.attachment');
    if (poc.ownerId !== user.userId && !isAdmin(user)) {
      throw problem('forbidden', 'attachment.change_owner_only');
    }
    return attachment;
  }

  const rename = defineRoute({
    method: 'patch',
    path: '/v1/pocs/:id/attachments/:attachmentId',
    summary: 'Rename an attachment (owner or admin); downloads use the new name',
    tag: 'pocs',
    access: { kind: 'user' },
    params: attachmentParams,
    body: renameBody,
    responses: { 200: { description: 'Renamed', schema: attachmentView } },
    async handler({ auth, params, body, ctx }) {
      const user = asUser(auth);
      const attachment = await inTenant(orm, user.tenantId, async (em) => {
        const found = await editable(em, user, params.id, params.attachmentId);
        found.fileName = body.fileName;
        await em.flush();
        return found;
      });
      ctx.body = await view(attachment);
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/pocs/:id/attachments/:attachmentId',
    summary: 'Delete an attachment and its file (owner or admin)',
    tag: 'pocs',
    access: { kind: 'user' },
    params: attachmentParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const key = await inTenant(orm, user.tenantId, async (em) => {
        const found = await editable(em, user, params.id, params.attachmentId);
        await em.nativeDelete(Attachment, { id: found.id });
        return found.key;
      });
      // After the row is gone: a failed object delete leaves an orphan file, never a listed file without bytes.
      await objects
        .deleteMany([key])
        .catch((error: unknown) => deps.logger.warn({ err: error, key }, 'attachment file not deleted'));
      ctx.status = 204;
    },
  });

  return [create, list, rename, remove];
}
