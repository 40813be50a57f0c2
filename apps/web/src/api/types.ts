/** Shapes of platform-api's JSON, as the web app uses them (issues 2, 3 and 5). */
export const Roles = ['owner', 'admin', 'member'] as const;
export type Role = (typeof Roles)[number];

export const PocStatuses = ['idea', 'active', 'done', 'archived'] as const;
export type PocStatus = (typeof PocStatuses)[number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Poc {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  languages: string[];
  tags: string[];
  repoUrl: string | null;
  status: PocStatus;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PocInput {
  name: string;
  description?: string;
  languages: string[];
  tags: string[];
  repoUrl?: string | null;
  status?: PocStatus;
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  /** Presigned download (saved under `fileName`). */
  url: string;
  /** Presigned GET the browser may show inline. */
  previewUrl?: string;
}

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** A pending invitation (GET /v1/invitations). */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  sentCount: number;
}

export interface SearchHit extends Partial<Poc> {
  id: string;
  name: string;
}

/** `GET /v1/pocs/search` answer: hits plus facet counts per value. */
export interface SearchResult {
  hits: SearchHit[];
  facets: { languages: Record<string, number>; tags: Record<string, number> };
  total: number;
}

export interface Kata {
  id: string;
  title: string;
  summary: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
  languages: string[];
  /** A built-in classic (read-only) or one of the team's own. */
  builtin?: boolean;
}

/** A kata as written: instructions (markdown) and starter files per language. */
export interface KataInput {
  id: string;
  title: string;
  summary: string;
  description: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
  starters: Record<string, { files: Record<string, string> }>;
}

export const DojoStatuses = ['scheduled', 'live', 'finished'] as const;
export type DojoStatus = (typeof DojoStatuses)[number];
export const EditPolicies = ['driver', 'everyone'] as const;
export type EditPolicy = (typeof EditPolicies)[number];

export interface Dojo {
  id: string;
  title: string;
  kataId: string | null;
  language: string;
  durationMinutes: number;
  rotationMinutes: number;
  editPolicy: EditPolicy;
  scheduledAt: string | null;
  status: DojoStatus;
  facilitatorId?: string;
  createdAt?: string;
  /** The POC the finished dojo was saved as. */
  pocId?: string | null;
}

export interface DojoTicket {
  ticket: string;
  engineUrl: string;
  roomName: string;
}

export const JobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JobStatuses)[number];

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  stage?: string | null;
  error?: string | null;
  result?: { url: string; bytes: number; contentType: string } | null;
  /** What was asked: reports `{scope, from, to, format}`, videos `{year, userId}`. */
  params?: Record<string, unknown>;
  /** The member the job is about; null for a whole-team report. */
  subjectName?: string | null;
  createdAt?: string;
}

/** Token fields of signup, login and refresh answers. */
export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}
