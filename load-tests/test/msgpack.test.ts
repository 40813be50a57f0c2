import test from 'ava';
import { Packr, Unpackr } from 'msgpackr';
import { decode, encode } from '../k6/lib/msgpack.js';

/**
 * The k6 scripts' MessagePack (k6/lib/msgpack.js) against msgpackr, the
 * library the engine (Colyseus) decodes with: every type and size class
 * encodes to the expected format byte and decodes back to the same value in
 * msgpackr, and whatever msgpackr encodes decodes back here.
 */
const packr = new Packr({ useRecords: false, variableMapSize: true });
// 64-bit integers as numbers, as the engine reads them (msgpackr's default is BigInt beyond 32 bits).
const unpackr = new Unpackr({ useRecords: false, int64AsType: 'number' });
const bytes = (value: unknown) => new Uint8Array(encode(value));

const text = (length: number, unit = 'a') => unit.repeat(length);
const map = (size: number) => Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, i]));
const list = (size: number) => Array.from({ length: size }, (_, i) => i % 200);

/** [what, value, first byte of its encoding] for every type and size class, at their boundaries. */
const cases: Array<[string, unknown, number]> = [
  ['nil', null, 0xc0],
  ['false', false, 0xc2],
  ['true', true, 0xc3],
  ['positive fixint 0', 0, 0x00],
  ['positive fixint 127', 127, 0x7f],
  ['uint8 128', 128, 0xcc],
  ['uint8 255', 255, 0xcc],
  ['uint16 256', 256, 0xcd],
  ['uint16 65535', 65535, 0xcd],
  ['uint32 65536', 65536, 0xce],
  ['uint32 2^32-1', 2 ** 32 - 1, 0xce],
  ['uint64 2^32', 2 ** 32, 0xcf],
  ['uint64 2^53-1', Number.MAX_SAFE_INTEGER, 0xcf],
  ['negative fixint -1', -1, 0xff],
  ['negative fixint -32', -32, 0xe0],
  ['int8 -33', -33, 0xd0],
  ['int8 -128', -128, 0xd0],
  ['int16 -129', -129, 0xd1],
  ['int16 -32768', -32768, 0xd1],
  ['int32 -32769', -32769, 0xd2],
  ['int32 -2^31', -(2 ** 31), 0xd2],
  ['int64 -2^31-1', -(2 ** 31) - 1, 0xd3],
  ['int64 -(2^53-1)', -Number.MAX_SAFE_INTEGER, 0xd3],
  ['float64 0.5', 0.5, 0xcb],
  ['float64 -1.25e300', -1.25e300, 0xcb],
  ['float64 epoch ms with fraction', 1_764_633_600_123.5, 0xcb],
  ['fixstr empty', '', 0xa0],
  ['fixstr 31 bytes', text(31), 0xbf],
  ['str8 32 bytes', text(32), 0xd9],
  ['str8 255 bytes', text(255), 0xd9],
  ['str16 256 bytes', text(256), 0xda],
  ['str16 65535 bytes', text(65535), 0xda],
  ['str32 65536 bytes', text(65536), 0xdb],
  ['non-ASCII text (2-byte UTF-8)', 'ação é ótima', 0xa0 | ('ação é ótima'.length + 4)],
  ['3-byte UTF-8 over a size boundary', text(11, '€'), 0xd9],
  ['4-byte UTF-8 (surrogate pairs)', '🧪 dojo 🥋', 0xa0 | 14],
  ['bin8 empty', new Uint8Array(0), 0xc4],
  ['bin8 255', new Uint8Array(255).fill(7), 0xc4],
  ['bin16 256', new Uint8Array(256).fill(8), 0xc5],
  ['bin32 65536', new Uint8Array(65536).fill(9), 0xc6],
  ['fixarray empty', [], 0x90],
  ['fixarray 15', list(15), 0x9f],
  ['array16 16', list(16), 0xdc],
  ['array16 65535', list(65535), 0xdc],
  ['array32 65536', list(65536), 0xdd],
  ['fixmap empty', {}, 0x80],
  ['fixmap 15', map(15), 0x8f],
  ['map16 16', map(16), 0xde],
  ['map16 65535', map(65535), 0xde],
  ['map32 65536', map(65536), 0xdf],
  [
    'nested presence payload',
    { file: 'src/main/java/kata/FizzBuzz.java', anchor: 70_000, head: -1, typing: true, who: ['é', null] },
    0x85,
  ],
];

for (const [what, value, first] of cases) {
  test(`msgpack ${what}: the expected format, read back the same by msgpackr and by itself`, (t) => {
    const encoded = bytes(value);
    t.is(encoded[0], first, `format byte 0x${encoded[0]?.toString(16)}`);
    t.deepEqual(unpackr.unpack(encoded), value);
    t.deepEqual(decode(encoded), value);
  });
  test(`msgpack ${what}: what msgpackr encodes decodes the same here`, (t) => {
    t.deepEqual(decode(new Uint8Array(packr.pack(value))), value);
  });
}

test('msgpack decodes float32, which msgpackr writes when asked', (t) => {
  t.is(decode(new Uint8Array(new Packr({ useFloat32: 1 }).pack(1.5))), 1.5);
});

test('msgpack refuses what it cannot encode and bytes it cannot decode', (t) => {
  t.throws(() => encode(() => {}), { message: /cannot encode a function/ });
  t.throws(() => encode(Symbol('x')), { message: /cannot encode a symbol/ });
  t.throws(() => decode(new Uint8Array([0xd9, 5, 0x61])), { message: /truncated/ });
  t.throws(() => decode(new Uint8Array([0xd6, 0xff, 0, 0, 0, 0])), { message: /unsupported type 0xd6/ });
});
