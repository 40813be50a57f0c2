import type { Patch } from '@automerge/automerge/slim';

/** A change to one file's text, in character offsets of the text before the change. */
export type TextEdit = { from: number; to: number; insert: string };

/** What happened to one file after remote changes: precise edits, or a whole new text. */
export type FileUpdate = { kind: 'edits'; edits: TextEdit[] } | { kind: 'replace'; text: string };

/**
 * Turns Automerge patches into per-file text updates. Patches are sequential
 * (each applies to the result of the previous one), and so are the edits we
 * emit, so an editor can apply them one transaction each, in order.
 */
export function fileUpdatesFromPatches(patches: Patch[], readText: (path: string) => string | undefined) {
  const updates = new Map<string, FileUpdate>();
  const edits = (path: string): TextEdit[] | null => {
    const current = updates.get(path);
    if (current?.kind === 'replace') return null;
    if (current) return current.edits;
    const fresh: TextEdit[] = [];
    updates.set(path, { kind: 'edits', edits: fresh });
    return fresh;
  };
  for (const patch of patches) {
    if (patch.path[0] !== 'files') continue;
    const path = patch.path[1];
    if (typeof path !== 'string') {
      // The whole `files` map was replaced: every file is new.
      continue;
    }
    const index = patch.path[2];
    if (patch.path.length === 3 && typeof index === 'number' && (patch.action === 'splice' || patch.action === 'del')) {
      const list = edits(path);
      if (!list) continue;
      if (patch.action === 'splice') list.push({ from: index, to: index, insert: patch.value });
      else list.push({ from: index, to: index + (patch.length ?? 1), insert: '' });
      continue;
    }
    // put/del of the file itself, or anything we cannot express as text edits.
    updates.set(path, { kind: 'replace', text: readText(path) ?? '' });
  }
  // Files whose replacement was recorded before later edits: read the final text.
  for (const [path, update] of updates) if (update.kind === 'replace') update.text = readText(path) ?? '';
  return updates;
}
