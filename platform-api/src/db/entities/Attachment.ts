import { defineEntity, p } from '@mikro-orm/core';

/** A file attached to a POC; the bytes live in S3 under `key`. */
export const Attachment = defineEntity({
  name: 'Attachment',
  tableName: 'attachments',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    pocId: p.uuid(),
    fileName: p.text(),
    contentType: p.text(),
    bytes: p.integer(),
    key: p.text(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type AttachmentEntity = InstanceType<typeof Attachment.class>;
