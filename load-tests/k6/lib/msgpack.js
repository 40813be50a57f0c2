// MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) in plain JavaScript with no
// imports and no TextEncoder, so that k6 and Node run the very same code. Every type and size class
// is tested against msgpackr in load-tests/test/msgpack.test.ts.
//
// encode: nil, booleans, integers (fixint, uint8–64, negative fixint, int8–64; beyond 2^53 as float64),
// float64, UTF-8 strings (fixstr, str8/16/32), binary (Uint8Array/ArrayBuffer: bin8/16/32), arrays
// (fixarray, array16/32) and plain objects as maps (fixmap, map16/32). decode reads all of those plus
// float32; timestamps and other extension types are refused.

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Encode(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = 0xfffd;
    } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return out;
}

/** Text of UTF-8 `bytes[start, end)`. */
export function utf8Decode(bytes, start, end) {
  let text = '';
  for (let i = start; i < end; ) {
    const byte = bytes[i++];
    let code;
    if (byte < 0x80) code = byte;
    else if (byte < 0xe0) code = ((byte & 0x1f) << 6) | (bytes[i++] & 0x3f);
    else if (byte < 0xf0) code = ((byte & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    else code = ((byte & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f);
    if (code >= 0x10000) {
      code -= 0x10000;
      text += String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else text += String.fromCharCode(code);
  }
  return text;
}

function pushUint(out, value, bytes) {
  for (let shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push(Math.floor(value / 2 ** shift) & 0xff);
}

function pushFloat64(out, value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  out.push(0xcb);
  for (let i = 0; i < 8; i++) out.push(view.getUint8(i));
}

function pushInteger(out, value) {
  if (value >= 0) {
    if (value < 0x80) out.push(value);
    else if (value < 0x100) out.push(0xcc, value);
    else if (value < 0x10000) out.push(0xcd, value >> 8, value & 0xff);
    else if (value < 0x100000000) {
      out.push(0xce);
      pushUint(out, value, 4);
    } else {
      out.push(0xcf);
      pushUint(out, Math.floor(value / 0x100000000), 4);
      pushUint(out, value % 0x100000000, 4);
    }
  } else if (value >= -32) out.push(value & 0xff);
  else if (value >= -128) out.push(0xd0, value & 0xff);
  else if (value >= -32768) out.push(0xd1, (value >> 8) & 0xff, value & 0xff);
  else if (value >= -2147483648) {
    out.push(0xd2);
    pushUint(out, value >>> 0, 4);
  } else {
    // Two's complement over 64 bits: high word of (2^64 + value), low word of value.
    const high = Math.floor(value / 0x100000000);
    const low = value - high * 0x100000000;
    out.push(0xd3);
    pushUint(out, high >>> 0, 4);
    pushUint(out, low, 4);
  }
}

function pushLength(out, length, fix, fixMax, codes) {
  if (fix !== undefined && length <= fixMax) out.push(fix | length);
  else if (codes[0] !== undefined && length < 0x100) out.push(codes[0], length);
  else if (length < 0x10000) out.push(codes[1], length >> 8, length & 0xff);
  else {
    out.push(codes[2]);
    pushUint(out, length, 4);
  }
}

function encodeInto(out, value) {
  if (value === null || value === undefined) out.push(0xc0);
  else if (value === false) out.push(0xc2);
  else if (value === true) out.push(0xc3);
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) pushInteger(out, value);
    else pushFloat64(out, value);
  } else if (typeof value === 'string') {
    const bytes = utf8Encode(value);
    pushLength(out, bytes.length, 0xa0, 31, [0xd9, 0xda, 0xdb]);
    for (const byte of bytes) out.push(byte);
  } else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
    pushLength(out, bytes.length, undefined, -1, [0xc4, 0xc5, 0xc6]);
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
  } else if (Array.isArray(value)) {
    pushLength(out, value.length, 0x90, 15, [undefined, 0xdc, 0xdd]);
    for (const item of value) encodeInto(out, item);
  } else if (typeof value === 'object') {
    const keys = Object.keys(value);
    pushLength(out, keys.length, 0x80, 15, [undefined, 0xde, 0xdf]);
    for (const key of keys) {
      encodeInto(out, key);
      encodeInto(out, value[key]);
    }
  } else {
    throw new Error(`msgpack: cannot encode a ${typeof value}`);
  }
}

/** MessagePack bytes of `value`, as a plain array of byte values (append it to a frame header). */
export function encode(value) {
  const out = [];
  encodeInto(out, value);
  return out;
}

/** Decodes the value at `offset` of `bytes` (Uint8Array): [value, offset after it]. Throws on truncation or extensions. */
export function decodeAt(bytes, offset) {
  const need = (count) => {
    if (offset + count > bytes.length) throw new Error('msgpack: truncated');
  };
  const uint = (count) => {
    need(count);
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 256 + bytes[offset++];
    return value;
  };
  const int = (count) => {
    const value = uint(count);
    const limit = 2 ** (count * 8 - 1);
    return value >= limit ? value - 2 * limit : value;
  };
  const str = (length) => {
    need(length);
    const text = utf8Decode(bytes, offset, offset + length);
    offset += length;
    return text;
  };
  const bin = (length) => {
    need(length);
    const out = bytes.slice(offset, offset + length);
    offset += length;
    return out;
  };
  const array = (length) => {
    const out = [];
    for (let i = 0; i < length; i++) {
      const [item, next] = decodeAt(bytes, offset);
      out.push(item);
      offset = next;
    }
    return out;
  };
  const map = (length) => {
    const out = {};
    for (let i = 0; i < length; i++) {
      const [key, afterKey] = decodeAt(bytes, offset);
      const [item, next] = decodeAt(bytes, afterKey);
      out[key] = item;
      offset = next;
    }
    return out;
  };
  const float = (count) => {
    need(count);
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count);
    offset += count;
    return count === 4 ? view.getFloat32(0) : view.getFloat64(0);
  };
  need(1);
  const byte = bytes[offset++];
  let value;
  if (byte < 0x80) value = byte;
  else if (byte < 0x90) value = map(byte & 0x0f);
  else if (byte < 0xa0) value = array(byte & 0x0f);
  else if (byte < 0xc0) value = str(byte & 0x1f);
  else if (byte >= 0xe0) value = byte - 0x100;
  else {
    switch (byte) {
      case 0xc0:
        value = null;
        break;
      case 0xc2:
        value = false;
        break;
      case 0xc3:
        value = true;
        break;
      case 0xc4:
        value = bin(uint(1));
        break;
      case 0xc5:
        value = bin(uint(2));
        break;
      case 0xc6:
        value = bin(uint(4));
        break;
      case 0xca:
        value = float(4);
        break;
      case 0xcb:
        value = float(8);
        break;
      case 0xcc:
        value = uint(1);
        break;
      case 0xcd:
        value = uint(2);
        break;
      case 0xce:
        value = uint(4);
        break;
      case 0xcf:
        value = uint(8);
        break;
      case 0xd0:
        value = int(1);
        break;
      case 0xd1:
        value = int(2);
        break;
      case 0xd2:
        value = int(4);
        break;
      case 0xd3: {
        const high = int(4);
        value = high * 0x100000000 + uint(4);
        break;
      }
      case 0xd9:
        value = str(uint(1));
        break;
      case 0xda:
        value = str(uint(2));
        break;
      case 0xdb:
        value = str(uint(4));
        break;
      case 0xdc:
        value = array(uint(2));
        break;
      case 0xdd:
        value = array(uint(4));
        break;
      case 0xde:
        value = map(uint(2));
        break;
      case 0xdf:
        value = map(uint(4));
        break;
      default:
        throw new Error(`msgpack: unsupported type 0x${byte.toString(16)}`);
    }
  }
  return [value, offset];
}

/** Decodes one whole value from `bytes` starting at `offset` (default 0). */
export function decode(bytes, offset = 0) {
  return decodeAt(bytes, offset)[0];
}
