import { z } from 'zod';
import { dojoSettingsSchema } from './dojo-protocol/ticket.ts';
import { Locales, notificationRequestedSchema } from './notifications.ts';
import { searchablePocSchema } from './poc.ts';
import { tenantErasedSchema, tenantErasureReportedSchema } from './tenant-erasure.ts';

/**
 * Event envelopes that cross service boundaries (architecture §4).
 * Each schema here is the single source of truth for producers and consumers.
 */
export const EventTypes = {
  pocUpserted: 'poc.upserted',
  pocDeleted: 'poc.deleted',
  reportRequested: 'report.requested',
  videoRequested: 'video.requested',
  /** A member asked for an archive of all their personal data (LGPD Art. 18, II and V). */
  personalDataRequested: 'personal_data.requested',
  mediaProgress: 'media.progress',
  mediaCompleted: 'media.completed',
  mediaFailed: 'media.failed',
  dojoSettingsChanged: 'dojo.settings_changed',
  /** A member deleted their account: the engine takes their name off what they said in dojos (LGPD). */
  memberErased: 'member.erased',
  notificationRequested: 'notification.requested',
  /** A team's grace period ended: each service erases everything it keeps of the tenant (tenant-erasure.ts). */
  tenantErased: 'tenant.erased',
  /** A service's answer to `tenant.erased`: it erased all it kept of the tenant. */
  tenantErasureReported: 'tenant.erasure_reported',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/** Queue names; the dead-letter queue of `q` is `${q}-dlq`. */
export const Queues = {
  pocEvents: 'poc-events',
  mediaJobs: 'media-jobs',
  mediaResults: 'media-results',
  /** platform-api → dojo-engine: settings of a dojo changed (the live room applies them). */
  dojoEvents: 'dojo-events',
  notifications: 'notifications',
  /** Every service → platform-api: `tenant.erasure_reported` (tenant-erasure.ts). */
  erasureReports: 'erasure-reports',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

export const pocDeletedSchema = z.object({ id: z.uuid(), version: z.number().int().positive() });

export const reportScopeSchema = z.union([
  z.literal('tenant'),
  z.literal('me'),
  z.object({ userId: z.uuid() }).strict(),
]);
export const reportFormats = ['pdf', 'csv', 'json'] as const;

/**
 * How the requester reads: their language and time zone, and the team's name for the cover. Optional so
 * that jobs queued before these fields existed still render (in pt-BR, America/Sao_Paulo, without a team name).
 */
const readerFields = {
  locale: z.enum(Locales).optional(),
  timeZone: z.string().max(64).optional(),
  tenantName: z.string().max(200).optional(),
};

export const reportRequestedSchema = z.object({
  jobId: z.uuid(),
  requestedBy: z.uuid(),
  /** Resolved owner filter: null for the whole tenant. */
  userId: z.uuid().nullable(),
  from: z.string(),
  to: z.string(),
  format: z.enum(reportFormats),
  ...readerFields,
});
export const videoRequestedSchema = z.object({
  jobId: z.uuid(),
  requestedBy: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  year: z.number().int(),
  ...readerFields,
});
/** A member's personal data export: always about the requester themselves. */
export const personalDataRequestedSchema = z.object({
  jobId: z.uuid(),
  userId: z.uuid(),
  ...readerFields,
});
export const mediaProgressSchema = z.object({
  jobId: z.uuid(),
  progress: z.number().min(0).max(100),
  stage: z.string().optional(),
});
export const mediaCompletedSchema = z.object({
  jobId: z.uuid(),
  key: z.string(),
  bytes: z.number().int().nonnegative(),
  contentType: z.string(),
  /** A video's length in seconds (usage: video minutes); absent for reports and from older workers. */
  durationSeconds: z.number().nonnegative().optional(),
});
export const mediaFailedSchema = z.object({ jobId: z.uuid(), error: z.string() });

/** A dojo's settings after a change, as a ticket would carry them (without starter files). */
export const dojoSettingsChangedSchema = z.object({
  dojoId: z.uuid(),
  settings: dojoSettingsSchema.omit({ files: true }),
});

/** The member whose account is gone (the envelope names the tenant). */
export const memberErasedSchema = z.object({ userId: z.uuid() });

/** Envelope schema: `{ id, type, tenantId, occurredAt, data }`. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.enum(Object.values(EventTypes) as [EventType, ...EventType[]]),
  tenantId: z.uuid(),
  occurredAt: z.string(),
  data: z.unknown(),
});
export type Envelope<T = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: T };

const dataSchemas = {
  [EventTypes.pocUpserted]: searchablePocSchema,
  [EventTypes.pocDeleted]: pocDeletedSchema,
  [EventTypes.reportRequested]: reportRequestedSchema,
  [EventTypes.videoRequested]: videoRequestedSchema,
  [EventTypes.personalDataRequested]: personalDataRequestedSchema,
  [EventTypes.mediaProgress]: mediaProgressSchema,
  [EventTypes.mediaCompleted]: mediaCompletedSchema,
  [EventTypes.mediaFailed]: mediaFailedSchema,
  [EventTypes.dojoSettingsChanged]: dojoSettingsChangedSchema,
  [EventTypes.memberErased]: memberErasedSchema,
  [EventTypes.notificationRequested]: notificationRequestedSchema,
  [EventTypes.tenantErased]: tenantErasedSchema,
  [EventTypes.tenantErasureReported]: tenantErasureReportedSchema,
} satisfies Record<EventType, z.ZodType>;

export type EventData = { [K in EventType]: z.infer<(typeof dataSchemas)[K]> };
export type TypedEnvelope = { [K in EventType]: Envelope<EventData[K]> & { type: K } }[EventType];

/**
 * The message body of an envelope: JSON with every non-ASCII character escaped
 * (`\uXXXX`, surrogate pairs as two escapes). SQS accepts only part of Unicode
 * (and the local emulator refuses anything beyond the BMP, emoji included);
 * ASCII passes everywhere, and `JSON.parse` gives back exactly the same text.
 */
export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Parses and validates an envelope and its data; throws a ZodError on anything malformed. */
export function parseEnvelope(body: string): TypedEnvelope {
  const envelope = envelopeSchema.parse(JSON.parse(body));
  const data = dataSchemas[envelope.type].parse(envelope.data);
  return { ...envelope, data } as TypedEnvelope;
}
