import * as A from '@automerge/automerge';
import { decodeChange } from './decoded-changes.ts';

/** Every Automerge storage chunk starts with these bytes. */
const MAGIC = [0x85, 0x6f, 0x4a, 0x83] as const;
/** Magic bytes, 4-byte checksum, 1-byte chunk type; then the uLEB128 length of the body. */
const FIXED_HEADER = 9;

/**
 * Splits bytes into the Automerge storage chunks laid back to back in them
 * (documents, changes, compressed changes, bundles), or null when they are not
 * a clean sequence of chunks. Automerge's sync protocol packs many changes into
 * one such sequence when a peer has much to send (after editing offline, say),
 * so one entry of `decodeSyncMessage(...).changes` is not always one change.
 */
export function splitChunks(bytes: Uint8Array): Uint8Array[] | null {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < FIXED_HEADER + 1) return null;
    if (MAGIC.some((byte, i) => bytes[offset + i] !== byte)) return null;
    let position = offset + FIXED_HEADER;
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      // A 32-bit length is plenty: sync messages are capped far below that.
      if (position >= bytes.length || shift > 28) return null;
      const byte = bytes[position++]!;
      length += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    const end = position + length;
    if (end > bytes.length) return null;
    chunks.push(bytes.subarray(offset, end));
    offset = end;
  }
  return chunks.length > 0 ? chunks : null;
}

/** One encoded change, decoded (checksum verified), or null when the bytes are not exactly one change. */
export function decodeOneChange(bytes: Uint8Array): A.DecodedChange | null {
  try {
    return decodeChange(bytes);
  } catch {
    return null;
  }
}

/** The changes of a saved document that `doc` may lack: those after the heads both share. */
function changesBeyond(doc: A.Doc<unknown>, saved: A.Doc<unknown>): A.DecodedChange[] {
  const shared = A.getHeads(doc).filter((head) => A.hasHeads(saved, [head]));
  return A.getChangesSince(saved, shared).map((change) => A.decodeChange(change));
}

/** What one chunk holds: a change, a bundle of changes or a whole saved document. */
function chunkChanges(chunk: Uint8Array, doc: A.Doc<unknown>): A.DecodedChange[] | null {
  const single = decodeOneChange(chunk);
  if (single) return [single];
  try {
    return A.readBundle(chunk).changes;
  } catch {
    try {
      return changesBeyond(doc, A.load(chunk));
    } catch {
      return null;
    }
  }
}

/**
 * The changes one entry of an Automerge sync message carries, decoded, in
 * causal order, or null when any part of it does not decode (checksums
 * included). Of a whole saved document, only the changes past what it shares
 * with `doc` are returned.
 */
export function syncEntryChanges(entry: Uint8Array, doc: A.Doc<unknown>): A.DecodedChange[] | null {
  const chunks = splitChunks(entry);
  if (!chunks) return null;
  const changes: A.DecodedChange[] = [];
  for (const chunk of chunks) {
    const carried = chunkChanges(chunk, doc);
    if (!carried) return null;
    changes.push(...carried);
  }
  return changes;
}
