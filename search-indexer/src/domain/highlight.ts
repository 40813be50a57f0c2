/**
 * Highlight markup. Engines mark matches with two private-use code points
 * (which user text can never contain: the query sanitizer and the indexer
 * strip them), then {@link markersToHtml} escapes the text and turns the
 * markers into `<mark>` tags. Clients may therefore insert highlights as HTML.
 */
export const MARK_OPEN = '\ue000';
export const MARK_CLOSE = '\ue001';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escapes `text` and replaces the markers by `<mark>` and `</mark>`. */
export function markersToHtml(text: string): string {
  return escapeHtml(text).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

/** True when the marked text contains at least one match. */
export function hasMarks(text: string): boolean {
  return text.includes(MARK_OPEN);
}

/** Removes the marker code points from text about to be indexed. */
export function stripMarkers(text: string): string {
  return text.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
}
