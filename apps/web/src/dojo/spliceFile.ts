import { A } from './automerge.ts';

/**
 * Splices the text of file `path`, inside an `A.change` callback: deletes
 * `deleteCount` characters at `index` and inserts `text` there.
 *
 * Automerge's own `splice` joins its path with "/" before resolving it, so it
 * cannot reach a map key that contains a slash (automerge/automerge#825), and
 * file paths do ("src/main/java/kata/FizzBuzz.java"). This resolves the text's
 * object id first and splices through it. Offsets are UTF-16 code units, as
 * in Automerge text.
 */
export function spliceFile(
  draft: { files: Record<string, string> },
  path: string,
  index: number,
  deleteCount: number,
  text: string,
): void {
  const id = A.getObjectId(draft.files, path);
  if (!id) throw new RangeError(`there is no file "${path}" to edit`);
  A.getBackend(draft as A.Doc<unknown>).splice(id, index, deleteCount, text);
}
