import { decodeChanges, encodeChanges, FrameError } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import test from 'ava';

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);

test('changes survive framing, including lengths that need several varint bytes', (t) => {
  const changes = [bytes(1, 1), bytes(127, 2), bytes(128, 3), bytes(20_000, 4)];
  const decoded = decodeChanges(encodeChanges(changes));
  t.is(decoded.length, changes.length);
  for (const [i, change] of decoded.entries()) t.deepEqual([...change], [...changes[i]!]);
});

test('an empty payload decodes to no changes', (t) => {
  t.deepEqual(decodeChanges(new Uint8Array(0)), []);
});

test('every truncation of a framed payload is refused or decodes to a prefix of the changes', (t) => {
  const framed = encodeChanges([bytes(3, 7), bytes(200, 8)]);
  const firstEnds = 1 + 3;
  for (let end = 1; end < framed.byteLength; end++) {
    const cut = framed.subarray(0, end);
    if (end === firstEnds) t.deepEqual([...decodeChanges(cut)[0]!], [7, 7, 7]);
    else t.throws(() => decodeChanges(cut), { instanceOf: FrameError }, `cut at ${end}`);
  }
});

test('zero-length changes and too many changes are refused', (t) => {
  t.throws(() => decodeChanges(Uint8Array.of(0)), { instanceOf: FrameError, message: /empty change/ });
  const three = encodeChanges([bytes(1, 1), bytes(1, 1), bytes(1, 1)]);
  t.throws(() => decodeChanges(three, 2), { instanceOf: FrameError, message: /more than 2/ });
});
