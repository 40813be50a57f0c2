/**
 * Binary framing of the `changes` message: a sequence of Automerge changes,
 * each preceded by its length as an unsigned LEB128 varint.
 *
 *   changes := (uleb128(len) bytes[len])*
 *
 * Kept apart from the message catalogue so that native clients can port it on its own.
 */

/** Thrown when bytes do not decode; `reason` says where it broke. */
export class FrameError extends Error {
  constructor(reason: string) {
    super(`malformed frame: ${reason}`);
    this.name = 'FrameError';
  }
}

function ulebLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

/** Frames changes into one `changes` payload. */
export function encodeChanges(changes: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const change of changes) total += ulebLength(change.byteLength) + change.byteLength;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const change of changes) {
    let length = change.byteLength;
    while (length >= 0x80) {
      out[offset++] = (length & 0x7f) | 0x80;
      length = Math.floor(length / 128);
    }
    out[offset++] = length;
    out.set(change, offset);
    offset += change.byteLength;
  }
  return out;
}

/**
 * Splits a `changes` payload back into changes (views on `bytes`, no copy).
 * Throws FrameError on truncation, an empty change, or more than `maxChanges`.
 */
export function decodeChanges(bytes: Uint8Array, maxChanges = Number.POSITIVE_INFINITY): Uint8Array[] {
  const changes: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    let length = 0;
    let shift = 1;
    let byte: number;
    let read = 0;
    do {
      if (offset >= bytes.byteLength) throw new FrameError('truncated length');
      if (++read > 5) throw new FrameError('length too long');
      byte = bytes[offset++]!;
      length += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte & 0x80);
    if (length === 0) throw new FrameError('empty change');
    if (offset + length > bytes.byteLength) throw new FrameError('truncated change');
    if (changes.length >= maxChanges) throw new FrameError(`more than ${maxChanges} changes`);
    changes.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return changes;
}

/** A Uint8Array view of whatever binary shape a transport hands over (Buffer, ArrayBuffer, view). */
export function asBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}
