/**
 * The shapes of platform-api's JSON the web app uses, named. Each is a type generated from
 * docs/openapi.json (openapi.gen.ts, `npm run api-types -w apps/web`); the vocabularies
 * come from the shared contracts. Nothing here is written by hand twice.
 */
import type { components, operations } from './openapi.gen.ts';

export {
  type DojoStatus,
  DojoStatuses,
  EditPolicies,
  type EditPolicy,
  type JobStatus,
  JobStatuses,
  type PocStatus,
  PocStatuses,
  type Role,
  Roles,
} from '@pocdojo/common/contracts/vocabularies';

type Schemas = components['schemas'];

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Poc = Schemas['Poc'];
export type PocInput = Schemas['PocCreate'];
export type Attachment = Schemas['Attachment'];
export type Member = Schemas['Member'];
/** A pending invitation (GET /v1/invitations). */
export type Invitation = Schemas['Invitation'];
/** `GET /v1/pocs/search` answer: hits with their highlights, plus facet counts per value. */
export type SearchResult = Schemas['SearchResult'];
export type SearchHit = SearchResult['hits'][number];
export type Kata = Schemas['KataSummary'];
/** A kata as written: instructions (markdown) and starter files per language. */
export type KataInput = Schemas['KataCreate'];
export type Dojo = Schemas['Dojo'];
export type DojoTicket = operations['postDojosByIdTickets']['responses'][201]['content']['application/json'];
export type Job = Schemas['Job'];
/** One line of the team's audit log (GET /v1/audit). */
export type AuditEvent = Schemas['AuditEvent'];
/** Token fields of signup, login and refresh answers. */
export type TokenAnswer = Schemas['TokenPair'];
