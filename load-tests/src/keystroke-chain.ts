import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/dojo-protocol/document';
import { encodeChanges } from '@pocdojo/common/dojo-protocol/encoding';
import { DojoDocument } from '@pocdojo/dojo-engine/document';

const FALLBACK_FILE = 'main.ts';

/**
 * The framed `changes` payloads (base64) of `count` one-character appends to
 * the dojo's first file, made on top of the document the engine creates for a
 * fresh dojo (the engine's own DojoDocument.create: deterministic for a dojo id
 * and starter files), each change depending on the one before.
 */
export function keystrokeChain(dojoId: string, files: Record<string, string>, count: number) {
  let doc = A.load<DojoDoc>(DojoDocument.create(dojoId, files).save());
  const file = Object.keys(files).sort()[0] ?? FALLBACK_FILE;
  const changes: string[] = [];
  for (let i = 0; i < count; i++) {
    doc = A.change(doc, (draft) => {
      if (draft.files[file] === undefined) draft.files[file] = '';
      A.splice(draft, ['files', file], draft.files[file]!.length, 0, String.fromCharCode(97 + (i % 26)));
    });
    changes.push(Buffer.from(encodeChanges([A.getLastLocalChange(doc)!])).toString('base64'));
  }
  return { file, changes };
}
