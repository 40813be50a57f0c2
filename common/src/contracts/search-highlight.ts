/**
 * Highlight markup of search hits (search.ts `SearchHighlight`), both sides.
 * Engines mark matches with two private-use code points (which user text can
 * never contain: the query sanitizer and the indexer strip them), then
 * {@link markersToHtml} escapes the text and turns the markers into `<mark>`
 * tags. Clients read it back into runs with {@link highlightRuns} and render
 * them as text, so no server-made HTML reaches a page.
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

const HTML_UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(HTML_ESCAPES).map(([character, entity]) => [entity, character]),
);

/** One run of highlighted text: a matched word (or words) or the text between matches. */
export interface HighlightRun {
  text: string;
  match: boolean;
}

/** Reads markup made by {@link markersToHtml} back into runs of plain text; concatenated, they are the field's text. */
export function highlightRuns(markup: string): HighlightRun[] {
  return markup
    .split(/(<mark>[^<]*<\/mark>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const match = part.startsWith('<mark>') && part.endsWith('</mark>');
      const text = (match ? part.slice('<mark>'.length, -'</mark>'.length) : part).replace(
        /&(?:amp|lt|gt|quot|#39);/g,
        (entity) => HTML_UNESCAPES[entity] ?? entity,
      );
      return { text, match };
    });
}
