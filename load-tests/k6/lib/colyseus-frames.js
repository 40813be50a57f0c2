// Colyseus 0.18 frames as the dojo protocol uses them (docs/protocol.md §5), in plain JavaScript
// with no imports, so that k6 and Node (load-tests/test) run the very same code.

export const Frame = { joinRoom: 10, error: 11, roomData: 13, roomDataBytes: 17 };

function ascii(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

/** Colyseus header string (types are short ASCII names). */
export function headerString(text) {
  if (text.length >= 32) throw new Error('type names are short');
  return [0xa0 | text.length, ...ascii(text)];
}

/** Reads the header string at `offset`: [text, offset after it]. */
export function readHeaderString(bytes, offset) {
  const first = bytes[offset];
  let length;
  let start;
  if ((first & 0xe0) === 0xa0) {
    length = first & 0x1f;
    start = offset + 1;
  } else if (first === 0xd9) {
    length = bytes[offset + 1];
    start = offset + 2;
  } else {
    return ['', bytes.length];
  }
  let text = '';
  for (let i = start; i < start + length; i++) text += String.fromCharCode(bytes[i]);
  return [text, start + length];
}

/** Standard (big-endian) MessagePack for the small maps `presence` sends. */
export function msgpack(value) {
  if (value === null) return [0xc0];
  if (value === false) return [0xc2];
  if (value === true) return [0xc3];
  if (typeof value === 'number') {
    if (value < 128) return [value];
    if (value < 65536) return [0xcd, value >> 8, value & 0xff];
    return [0xce, (value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  }
  if (typeof value === 'string') {
    const bytes = ascii(value);
    return bytes.length < 32 ? [0xa0 | bytes.length, ...bytes] : [0xd9, bytes.length, ...bytes];
  }
  const entries = Object.entries(value);
  const out = [0x80 | entries.length];
  for (const [key, item] of entries) out.push(...msgpack(key), ...msgpack(item));
  return out;
}

export function frame(bytes) {
  return new Uint8Array(bytes).buffer;
}

/** Number of changes in a `changes` payload (uleb128 length-prefixed). */
export function countChanges(bytes, offset) {
  let count = 0;
  while (offset < bytes.length) {
    let length = 0;
    let shift = 1;
    let byte;
    do {
      byte = bytes[offset++];
      length += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte & 0x80 && offset < bytes.length);
    offset += length;
    count++;
  }
  return count;
}
