import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/contracts/dojo-protocol/document';
import test, { type ExecutionContext } from 'ava';
import { DojoDocument } from '../../src/document/dojo-document.ts';

const files = { 'main.ts': 'hello', 'main.test.ts': 'test' };

/** A room document and a client replica that has caught up with it. */
function caughtUp() {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  let client = A.init<DojoDoc>();
  let state = A.initSyncState();
  for (let round = 0; round < 10; round++) {
    const fromServer = document.generateSync('p');
    if (fromServer) [client, state] = A.receiveSyncMessage(client, state, fromServer);
    const [next, fromClient] = A.generateSyncMessage(client, state);
    state = next;
    if (fromClient) document.receiveSync('p', fromClient, true);
    if (!fromServer && !fromClient) break;
  }
  return { document, client, state };
}

/** Offers one local change of the client through the fast path, or through `sync` after a fresh sync state. */
function offer(t: ExecutionContext, route: 'changes' | 'sync', edit: (doc: any) => void) {
  const { document, client, state } = caughtUp();
  const changed = A.change(client, edit);
  const before = { heads: document.heads, files: document.files() };
  let result: ReturnType<DojoDocument['applyChanges']>;
  if (route === 'changes') {
    result = document.applyChanges([A.getLastLocalChange(changed)!], true);
  } else {
    // The conversation is under way, so the client's next sync message usually carries the change. Not
    // always: the server's Bloom filter of what it has gives false positives (about 1 in 100 for a random
    // change hash), and then the client holds the change back until the server asks for it by hash. Play
    // the conversation on until a message carries it, as a real client would.
    let [clientState, message] = A.generateSyncMessage(changed, state);
    let replica = changed;
    for (let round = 0; round < 5 && A.decodeSyncMessage(message!).changes.length === 0; round++) {
      document.receiveSync('p', message!, true);
      const reply = document.generateSync('p');
      if (reply) [replica, clientState] = A.receiveSyncMessage(replica, clientState, reply);
      [clientState, message] = A.generateSyncMessage(replica, clientState);
    }
    t.true(A.decodeSyncMessage(message!).changes.length > 0, 'the sync message carries the change');
    result = document.receiveSync('p', message!, true);
  }
  return { document, result, before };
}

const hostile: Array<[string, (doc: any) => void, RegExp]> = [
  ['replace the files map', (doc) => (doc.files = {}), /root may not change/],
  ['add a root key', (doc) => (doc.owner = 'mallory'), /root may not change/],
  ['delete the files map', (doc) => delete doc.files, /root may not change/],
  ['a file as a number', (doc) => (doc.files['x.ts'] = 42), /must be text/],
  ['a file as a map', (doc) => (doc.files['x.ts'] = { evil: true }), /must be text/],
  ['a file as a list', (doc) => (doc.files['x.ts'] = ['a']), /must be text/],
  ['a file as an immutable string', (doc) => (doc.files['x.ts'] = new A.ImmutableString('x')), /must be text/],
  ['an empty path', (doc) => (doc.files[''] = 'x'), /file path/],
  ['a path with a control character', (doc) => (doc.files['a\u0007b.ts'] = 'x'), /file path/],
  ['a path too long', (doc) => (doc.files['p'.repeat(201)] = 'x'), /file path/],
  [
    'a block (map) inside a text',
    (doc) => A.splitBlock(doc, ['files', 'main.ts'], 1, { type: 'p' }),
    /only characters|targets a map/,
  ],
];

for (const route of ['changes', 'sync'] as const) {
  for (const [what, edit, why] of hostile) {
    test(`${route}: ${what} is refused as invalid_change and changes nothing`, (t) => {
      const { document, result, before } = offer(t, route, edit);
      t.like(result, { ok: false, code: 'invalid_change' });
      if (!result.ok) t.regex(result.message, why);
      t.deepEqual(document.heads, before.heads);
      t.deepEqual(document.files(), before.files);
    });
  }

  test(`${route}: creating, editing, marking, replacing and deleting files is accepted`, (t) => {
    const { document, result } = offer(t, route, (doc) => {
      doc.files['src/new file.ts'] = 'fresh!';
      doc.files['scratch.ts'] = 'draft';
      A.splice(doc, ['files', 'scratch.ts'], 5, 0, '!');
      A.splice(doc, ['files', 'main.ts'], 0, 1, 'J');
      A.mark(doc, ['files', 'main.ts'], { start: 0, end: 2, expand: 'none' }, 'seen', true);
      doc.files['main.test.ts'] = 'replaced';
      delete doc.files['main.test.ts'];
    });
    t.like(result, { ok: true });
    t.deepEqual(document.files(), { 'main.ts': 'Jello', 'scratch.ts': 'draft!', 'src/new file.ts': 'fresh!' });
  });
}

test('a fast-path edit of a file whose creation is still pending (not merged) is accepted', (t) => {
  const { document, client } = caughtUp();
  // Capture each change as it is made: later changes outdate a document's view of its last change.
  const created = A.change(client, (doc) => {
    doc.files['b.ts'] = 'b';
  });
  const creation = A.getLastLocalChange(created)!;
  const edited = A.change(created, (doc) => {
    A.splice(doc, ['files', 'b.ts'], 1, 0, 'c');
  });
  const edit = A.getLastLocalChange(edited)!;
  t.like(document.applyChanges([creation], true), { ok: true });
  t.is(document.pendingChanges, 1, 'the creation is pending');
  t.like(document.applyChanges([edit], true), { ok: true });
  t.is(document.files()['b.ts'], 'bc');
});

test('a change to an object the document has never seen is refused', (t) => {
  const { document, client } = caughtUp();
  // A replica that made its own `files` map: its texts are unknown to the room.
  let stranger = A.from({ files: { 'x.ts': 'x' } as Record<string, string> });
  stranger = A.change(stranger, (doc) => {
    A.splice(doc, ['files', 'x.ts'], 1, 0, 'y');
  });
  const result = document.applyChanges([A.getLastLocalChange(stranger)!], true);
  t.like(result, { ok: false });
  t.deepEqual(Object.keys(document.files()).sort(), Object.keys(client.files).sort());
});

test('a text created by a refused change stays unknown to the checks that follow', (t) => {
  const { document, client } = caughtUp();
  // One change creates a file and breaks the shape: refused whole, its text included.
  const refused = A.change(client, (doc: any) => {
    doc.files['b.ts'] = 'b';
    doc.owner = 'mallory';
  });
  t.like(document.applyChanges([A.getLastLocalChange(refused)!], true), { ok: false, code: 'invalid_change' });
  // An edit of that text alone must not pass as an edit of a known file.
  const edited = A.change(refused, (doc) => {
    A.splice(doc, ['files', 'b.ts'], 1, 0, 'c');
  });
  const result = document.applyChanges([A.getLastLocalChange(edited)!], true);
  t.like(result, { ok: false, code: 'invalid_change' });
  if (!result.ok) t.regex(result.message, /unknown object/);
  t.false('b.ts' in document.files());
});
