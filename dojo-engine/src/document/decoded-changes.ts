import * as A from '@automerge/automerge';

/**
 * Decoded changes, remembered by the identity of their bytes for as long as
 * those bytes live. A keystroke's change is decoded when the document checks
 * it (hash, dependencies, operations) and its hash, actor and dependencies
 * are read again for the replay timeline: decoding is a round trip into
 * Automerge's WebAssembly that profiles at 300 rooms put at ~10 µs a change,
 * so it is done once.
 */
const decoded = new WeakMap<Uint8Array, A.DecodedChange>();

/** `A.decodeChange(bytes)`, once per byte array (throws on bytes that are not one change, as it does). */
export function decodeChange(bytes: Uint8Array): A.DecodedChange {
  let change = decoded.get(bytes);
  if (!change) {
    change = A.decodeChange(bytes);
    decoded.set(bytes, change);
  }
  return change;
}
