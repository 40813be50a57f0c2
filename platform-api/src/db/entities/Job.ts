import { defineEntity, p } from '@mikro-orm/core';
import type { JobKind, JobStatus } from '@pocdojo/common/contracts/vocabularies';

/** A media job: recorded here, rendered by media-worker, its result an S3 object under the tenant's prefix. */
export const Job = defineEntity({
  name: 'Job',
  tableName: 'jobs',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    requestedBy: p.uuid(),
    subjectUserId: p.uuid().nullable(),
    kind: p.text().$type<JobKind>(),
    params: p.json<Record<string, unknown>>(),
    status: p.text().$type<JobStatus>(),
    progress: p.integer().default(0),
    stage: p.text().nullable(),
    error: p.text().nullable(),
    resultKey: p.text().nullable(),
    resultBytes: p.bigint('number').nullable(),
    resultContentType: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type JobEntity = InstanceType<typeof Job.class>;
