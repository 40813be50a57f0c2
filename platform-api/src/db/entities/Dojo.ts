import { defineEntity, p } from '@mikro-orm/core';
import type { EditPolicy } from '@pocdojo/common/contracts/vocabularies';

/** A scheduled (or ad-hoc) coding dojo; the live room lives in dojo-engine under the same id. */
export const Dojo = defineEntity({
  name: 'Dojo',
  tableName: 'dojos',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    facilitatorId: p.uuid(),
    title: p.text(),
    kataId: p.text().nullable(),
    language: p.text(),
    durationMinutes: p.integer(),
    rotationMinutes: p.integer(),
    editPolicy: p.text().$type<EditPolicy>(),
    scheduledAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    /** The POC the finished dojo was saved as (one per dojo). */
    pocId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type DojoEntity = InstanceType<typeof Dojo.class>;
