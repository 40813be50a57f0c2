import { z } from 'zod';
import type { DojoId, TenantId, UserId } from '../../ids.ts';
import { type DojoRole, DojoRoles, EditPolicies, type EditPolicy } from '../vocabularies.ts';

/**
 * The dojo ticket (docs/protocol.md, architecture §4): a short-lived JWT that
 * platform-api signs (`signDojoTicket` in tokens.ts) and dojo-engine verifies
 * (`createTicketVerifier`, beside it) to admit a client without calling platform-api.
 * These are its claims.
 */

/** Largest total size of starter files a ticket may carry (bytes of UTF-8). */
export const MAX_TICKET_STARTER_BYTES = 12_000;

const utf8 = new TextEncoder();

/**
 * The dojo's settings as scheduled on platform-api, carried in every ticket so
 * that dojo-engine can create the room (and its document from the kata's
 * starter files) without calling platform-api. `version` grows with every
 * change of the dojo, so the engine can tell newer settings from older ones.
 */
export interface DojoSettings {
  title: string;
  language: string;
  durationMinutes: number;
  rotationMinutes: number;
  editPolicy: EditPolicy;
  kataId: string | null;
  version: number;
  /** Starter files, path → text, used only when the room's document is created. */
  files: Record<string, string>;
}

export const dojoSettingsSchema = z.object({
  title: z.string().min(1).max(200),
  language: z.string().min(1).max(40),
  durationMinutes: z.number().int().min(1).max(480),
  rotationMinutes: z.number().int().min(1).max(120),
  editPolicy: z.enum(EditPolicies),
  kataId: z.string().max(100).nullable(),
  version: z.number().int().positive(),
  files: z
    .record(z.string().min(1).max(200), z.string())
    .refine((files) => utf8.encode(Object.values(files).join('')).length <= MAX_TICKET_STARTER_BYTES, {
      message: 'starter files too large',
    }),
});

/** Claims of a dojo ticket. */
export interface DojoTicketClaims {
  sub: UserId;
  tid: TenantId;
  did: DojoId;
  name: string;
  drole: DojoRole;
  dojo: DojoSettings;
  /** The team's plan limit on people connected to its dojos at once; no limit without it (older tickets). */
  maxp?: number;
}

const uuid = z.uuid();
export const dojoTicketClaimsSchema = z.object({
  sub: uuid,
  tid: uuid,
  did: uuid,
  name: z.string().min(1).max(80),
  drole: z.enum(DojoRoles),
  dojo: dojoSettingsSchema,
  maxp: z.number().int().nonnegative().optional(),
}) as unknown as z.ZodType<DojoTicketClaims>;
