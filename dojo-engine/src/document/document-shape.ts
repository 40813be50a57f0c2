import * as A from '@automerge/automerge';
import { Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';

type Op = A.DecodedChange['ops'][number];

/** Control characters have no place in a file path (they would also break every client's file tabs). */
const CONTROL = /\p{Cc}/u;

/**
 * Keeps a dojo document in its one shape, `{ files: { [path]: text } }`,
 * whatever changes peers send. A change may create, replace or delete a file
 * in `files` (as text, under a sane path) and insert, delete or mark characters
 * of a file's text; nothing else. Checked on the decoded operations before
 * anything is applied, so a hostile peer can neither break the shape (files
 * as a number, a map in a text, a new root key) nor crash a client that trusts it.
 */
export class DocumentShape {
  readonly #doc: A.Doc<unknown>;
  readonly #known: KnownObjects;
  readonly #filesId: string | null;
  /** Types of texts created by the changes being checked (they may yet be refused: not in #known). */
  readonly #created = new Map<string, string>();

  constructor(doc: A.Doc<unknown>, known: KnownObjects = new KnownObjects()) {
    this.#doc = doc;
    this.#known = known;
    known.filesId ??= A.getObjectId(doc, 'files');
    this.#filesId = known.filesId;
  }

  /** Why `changes` (in causal order) would break the shape, or null when they keep it. */
  violation(changes: readonly A.DecodedChange[]): string | null {
    if (!this.#filesId) return 'the document has no files yet: wait for the room to send it';
    for (const change of changes) {
      for (const [index, op] of change.ops.entries()) {
        const problem = this.#opViolation(op);
        if (problem) return problem;
        // A text created here may be edited by later operations of the same batch.
        if (op.obj === this.#filesId && op.action === 'makeText')
          this.#created.set(`${change.startOp + index}@${change.actor}`, 'text');
      }
    }
    return null;
  }

  #opViolation(op: Op): string | null {
    if (op.obj === '_root') return 'the document root may not change; edit the files';
    if (op.obj === this.#filesId) return fileEntryViolation(op);
    const type = this.#typeOf(op.obj);
    if (type !== 'text')
      return `a change targets ${type ? `a ${type}` : 'an unknown object'}; only file texts may change`;
    return textOpViolation(op);
  }

  #typeOf(obj: string): string | undefined {
    const known = this.#created.get(obj) ?? this.#known.types.get(obj);
    if (known) return known;
    let type: string | undefined;
    try {
      type = A.getBackend(this.#doc).objInfo(obj).type;
    } catch {
      type = undefined;
    }
    // An object's type never changes once it exists; one that does not exist yet may later.
    if (type) this.#known.types.set(obj, type);
    return type;
  }
}

/**
 * What shape checks learn about one document that stays true for good: the
 * id of its `files` map (the root may never change) and the types of objects
 * that exist. A document keeps one across checks, because looking them up is
 * a round trip into Automerge's WebAssembly per keystroke (~20 µs a change
 * together, profiled at 300 rooms).
 */
export class KnownObjects {
  filesId: string | null = null;
  readonly types = new Map<string, string>();
}

/** An operation on the `files` map: create or replace a file as text, or delete it. */
function fileEntryViolation(op: Op): string | null {
  const path = op.key ?? '';
  if (path.length === 0 || path.length > Limits.pathChars || CONTROL.test(path))
    return `a file path must be 1–${Limits.pathChars} characters without control characters`;
  if (op.action === 'makeText' || op.action === 'del') return null;
  return `files["${path}"] must be text`;
}

/** An operation inside a file's text: characters in, characters out, marks. */
function textOpViolation(op: Op): string | null {
  if (op.action === 'del' || op.action === 'markBegin' || op.action === 'markEnd') return null;
  const isCharacter = typeof op.value === 'string' && (op.datatype === undefined || op.datatype === 'str');
  if (op.action === 'set' && isCharacter) return null;
  return `only characters may go into a file text (got ${op.action}${op.datatype ? ` of ${op.datatype}` : ''})`;
}
