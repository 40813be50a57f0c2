/**
 * A dojo's session history as the engine keeps it and serves it
 * (`GET /v1/dojos/:dojoId/history`, docs/protocol.md), oldest first, cursor-paginated.
 */
export const HistoryKinds = [
  'joined',
  'left',
  'removed',
  'rotation',
  'driver_set',
  'file_restored',
  'timer_started',
  'timer_paused',
  'timer_resumed',
  'timer_ended',
  'chat',
  /** A finished test run: `{runId, colour, reason, summary, failingTests, output, durationMs, heads, language}`. */
  'test_run',
] as const;
export type HistoryKind = (typeof HistoryKinds)[number];

/** One item of the history answer. `data` is kind-specific (chat: `{chatId, text}`, rotation: `{reason}`…). */
export interface HistoryItem {
  id: string;
  kind: HistoryKind;
  /** Who it was about or by; null for the room's own events. */
  userId: string | null;
  name: string | null;
  data: Record<string, unknown>;
  /** ISO instant. */
  at: string;
}

/** `GET /v1/dojos/:dojoId/history`: a page of the history; `nextCursor` is null on the last. */
export interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
}
