import { readFileSync } from 'node:fs';
import { ClientMessage, ServerMessage } from '@pocdojo/common/contracts/dojo-protocol/messages';
import test from 'ava';
import { buildProtocolVectors, renderProtocolVectors, VECTORS_FILE } from '../../scripts/protocol-vectors.ts';

test('docs/protocol-vectors.json is what the generator writes today (run `npm run vectors -w dojo-engine`)', (t) => {
  t.is(readFileSync(VECTORS_FILE, 'utf8'), renderProtocolVectors());
});

test('the vectors cover every frame kind, message type, error code and close code, each once by name', (t) => {
  const { vectors } = buildProtocolVectors();
  t.is(new Set(vectors.map((v) => v.name)).size, vectors.length, 'names are unique');
  const frames = new Set(vectors.filter((v) => v.kind === 'frame').map((v) => v.decoded.frame));
  t.deepEqual([...frames].sort(), ['ERROR', 'JOIN_ROOM', 'LEAVE_ROOM', 'PING', 'ROOM_STATE', 'ROOM_STATE_PATCH']);
  const types = (direction: string) =>
    new Set(vectors.filter((v) => v.kind === 'message' && v.direction === direction).map((v) => v.decoded.type));
  // Every message type of the protocol module, both ways, has at least one vector.
  t.deepEqual([...types('client→server')].sort(), Object.values(ClientMessage).sort());
  t.deepEqual([...types('server→client')].sort(), Object.values(ServerMessage).sort());
  for (const vector of vectors) t.regex(vector.hex, /^([0-9a-f]{2})+$/, vector.name);
});
