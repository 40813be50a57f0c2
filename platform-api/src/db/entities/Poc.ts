import { defineEntity, p } from '@mikro-orm/core';
import type { PocStatus } from '@pocdojo/common/contracts/vocabularies';

/** A proof of concept. `version` grows with every change (optimistic concurrency, event ordering). */
export const Poc = defineEntity({
  name: 'Poc',
  tableName: 'pocs',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    ownerId: p.uuid(),
    name: p.text(),
    description: p.text(),
    languages: p.array(),
    tags: p.array(),
    repoUrl: p.text().nullable(),
    status: p.text().$type<PocStatus>(),
    startedAt: p.date().nullable(),
    finishedAt: p.date().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    version: p.integer().version(),
  },
});
export type PocEntity = InstanceType<typeof Poc.class>;
