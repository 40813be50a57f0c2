import * as A from '@automerge/automerge';
import type { StoredDocument } from '../persistence/dojo-store.ts';

/** What one change did, in words a member can read in their export. */
export interface EditSummary {
  hash: string;
  /** Paths of the files it touched (created, deleted or typed in). */
  files: string[];
  /** Characters it typed, in order (across files). */
  inserted: string;
  /** Characters it deleted. */
  deletedCharacters: number;
  /** Files it created or deleted. */
  createdFiles: string[];
  deletedFiles: string[];
}

/**
 * Describes the changes of `hashes` in a dojo's document: which files each
 * touched and the text it typed. A file's text is an Automerge object created
 * by a `makeText` operation in the `files` map (its id is that operation's id,
 * `startOp + index @ actor`), so one pass over the history in causal order maps
 * every text object to its path before any change that types into it.
 * Changes compacted out of the stored history cannot be described (absent).
 */
export function describeEdits(stored: StoredDocument, hashes: ReadonlySet<string>): Map<string, EditSummary> {
  let doc = stored.snapshot ? A.load<unknown>(stored.snapshot) : A.init<unknown>();
  if (stored.changes.length) [doc] = A.applyChanges(doc, [...stored.changes]);
  const filesId = A.getObjectId(doc, 'files');
  const paths = new Map<string, string>();
  const out = new Map<string, EditSummary>();
  for (const bytes of A.getAllChanges(doc)) {
    const change = A.decodeChange(bytes);
    const mine = hashes.has(change.hash);
    const summary: EditSummary = {
      hash: change.hash,
      files: [],
      inserted: '',
      deletedCharacters: 0,
      createdFiles: [],
      deletedFiles: [],
    };
    const touch = (path: string | undefined) => {
      if (path !== undefined && !summary.files.includes(path)) summary.files.push(path);
    };
    for (const [index, op] of change.ops.entries()) {
      if (op.obj === filesId) {
        const path = op.key ?? '';
        if (op.action === 'makeText') {
          paths.set(`${change.startOp + index}@${change.actor}`, path);
          summary.createdFiles.push(path);
        } else if (op.action === 'del') {
          summary.deletedFiles.push(path);
        }
        touch(path);
        continue;
      }
      const path = paths.get(op.obj);
      if (path === undefined) continue;
      touch(path);
      if (op.action === 'set' && typeof op.value === 'string') summary.inserted += op.value;
      else if (op.action === 'del') summary.deletedCharacters++;
    }
    if (mine) out.set(change.hash, summary);
  }
  return out;
}
