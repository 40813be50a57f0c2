// Colyseus 0.18 frames as the dojo protocol uses them (docs/protocol.md §5), in plain JavaScript
// with no imports but the MessagePack module beside it, so that k6 and Node (load-tests/test) run
// the very same code.

import { decodeAt, encode } from './msgpack.js';

export const Frame = { joinRoom: 10, error: 11, leaveRoom: 12, roomData: 13, roomDataBytes: 17 };

/** Colyseus header string: the message type as a MessagePack string. */
export function headerString(text) {
  return encode(String(text));
}

/** Reads the header string (the message type) at `offset`: [text, offset after it]; ['', end] when it is not one. */
export function readHeaderString(bytes, offset) {
  try {
    const [text, next] = decodeAt(bytes, offset);
    return typeof text === 'string' ? [text, next] : ['', bytes.length];
  } catch {
    return ['', bytes.length];
  }
}

/** MessagePack of a `roomData` payload (kept under its old name for the scripts that import it). */
export const msgpack = encode;

export function frame(bytes) {
  return new Uint8Array(bytes).buffer;
}

/** A `roomData` frame: `type` with a MessagePack payload. */
export function dataFrame(type, payload) {
  return frame([Frame.roomData, ...headerString(type), ...encode(payload)]);
}

/** A `roomDataBytes` frame: `type` with raw bytes (Uint8Array). */
export function bytesFrame(type, payload) {
  const header = [Frame.roomDataBytes, ...headerString(type)];
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  return out.buffer;
}

/**
 * What one server frame holds: `{code, type, payload}` — for `roomData` the decoded MessagePack
 * payload, for `roomDataBytes` the offset of its bytes (`payloadOffset`), for `error` its code and message.
 */
export function readFrame(bytes) {
  const code = bytes[0];
  if (code === Frame.roomData || code === Frame.roomDataBytes) {
    const [type, offset] = readHeaderString(bytes, 1);
    if (code === Frame.roomDataBytes) return { code, type, payloadOffset: offset };
    let payload;
    try {
      payload = offset < bytes.length ? decodeAt(bytes, offset)[0] : undefined;
    } catch {
      payload = undefined;
    }
    return { code, type, payload };
  }
  if (code === Frame.error) {
    try {
      const [errorCode, next] = decodeAt(bytes, 1);
      const [message] = next < bytes.length ? decodeAt(bytes, next) : [''];
      return { code, type: 'error', payload: { code: errorCode, message } };
    } catch {
      return { code, type: 'error', payload: undefined };
    }
  }
  return { code, type: '' };
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
