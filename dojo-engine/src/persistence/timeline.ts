import type { UserId } from '@pocdojo/common/contracts/ids';
import { InvalidCursorError } from './history-cursor.ts';

/** What the replay timeline keeps of one accepted change (the bytes stay in the document). */
export interface ChangeMeta {
  /** Automerge change hash. */
  hash: string;
  /** Automerge actor id (hex) of the change. */
  actor: string;
  /** Hashes of the changes it depends on. */
  deps: string[];
  /** When the room accepted it, epoch ms (the server's clock, never the client's). */
  at: number;
}

/** The user an Automerge actor belongs to in one dojo. */
export interface ActorBinding {
  actor: string;
  userId: UserId;
  name: string;
}

/** One entry of a dojo's replay timeline: an accepted change, or a finished test run (a coloured dot). */
export type TimelineItem =
  | { kind: 'change'; id: number; at: number; hash: string; deps: string[]; actor: string; userId: UserId | null }
  | {
      kind: 'test_run';
      id: number;
      at: number;
      userId: UserId | null;
      name: string | null;
      /** The history event's data: `{runId, colour, reason, summary, failingTests, durationMs, heads, language}`. */
      data: Record<string, unknown>;
    };

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

/** Changes sort before runs of the same millisecond: a run ran against the changes accepted before it. */
export const timelineSource = { change: 0, test_run: 1 } as const;

/** The position after one timeline item: (time, source, id), in that order. */
export interface TimelinePosition {
  at: number;
  source: number;
  id: number;
}

/** Opaque cursor of the timeline: base64url of the last item's position. */
export function encodeTimelineCursor(item: TimelineItem): string {
  return Buffer.from(`t:${item.at}:${timelineSource[item.kind]}:${item.id}`).toString('base64url');
}

/** The start for no cursor; throws InvalidCursorError for anything that is not one of ours. */
export function decodeTimelineCursor(cursor: string | null | undefined): TimelinePosition {
  if (cursor === undefined || cursor === null || cursor === '') return { at: -1, source: 0, id: 0 };
  const match = /^t:(\d{1,15}):([01]):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return { at: Number(match[1]), source: Number(match[2]), id: Number(match[3]) };
}

/** True when `item` comes after `position` in timeline order. */
export function isAfter(item: TimelineItem, position: TimelinePosition): boolean {
  const source = timelineSource[item.kind];
  if (item.at !== position.at) return item.at > position.at;
  if (source !== position.source) return source > position.source;
  return item.id > position.id;
}
