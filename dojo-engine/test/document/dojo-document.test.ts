import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/dojo-protocol/document';
import test from 'ava';
import { DojoDocument } from '../../src/document/dojo-document.ts';
import { decodeOneChange, splitChunks, syncEntryChanges } from '../../src/document/sync-entry.ts';

const files = { 'main.ts': 'hello', 'main.test.ts': 'test' };

/** Runs the sync protocol between the document (as server) and a client doc until both are quiet. */
function syncClient(document: DojoDocument, peer: string, client: A.Doc<DojoDoc>, canEdit = true) {
  let state = A.initSyncState();
  for (let round = 0; round < 20; round++) {
    const fromServer = document.generateSync(peer);
    if (fromServer) [client, state] = A.receiveSyncMessage(client, state, fromServer);
    const [next, fromClient] = A.generateSyncMessage(client, state);
    state = next;
    if (fromClient) {
      const result = document.receiveSync(peer, fromClient, canEdit);
      if (!result.ok) return { client, result };
    }
    if (!fromServer && !fromClient) break;
  }
  return { client, result: { ok: true as const, applied: [] } };
}

test('two processes creating the same dojo produce the very same first change', (t) => {
  const a = DojoDocument.create('dojo-1', files);
  const b = DojoDocument.create('dojo-1', files);
  t.deepEqual(a.heads, b.heads);
  t.notDeepEqual(DojoDocument.create('dojo-2', files).heads, a.heads);
  t.deepEqual(a.files(), files);
});

test('a document reloads from its snapshot plus later changes', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  const { client } = syncClient(document, 'p', A.init<DojoDoc>());
  const edited = A.change(client, (doc) => {
    A.splice(doc, ['files', 'main.ts'], 5, 0, ' world');
  });
  const result = document.applyChanges([A.getLastLocalChange(edited)!], true);
  t.true(result.ok && result.applied.length === 1);
  const reloaded = DojoDocument.load(DojoDocument.create('dojo-1', files).save(), result.ok ? result.applied : []);
  t.is(reloaded.files()['main.ts'], 'hello world');
});

test('a non-editor may sync (catch up) but not change anything; nothing is applied', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('navigator');
  const { client, result } = syncClient(document, 'navigator', A.init<DojoDoc>(), false);
  t.true(result.ok, 'catching up without changes is allowed');
  t.deepEqual(client.files, files);
  const before = document.heads;
  const edited = A.change(client, (doc) => {
    A.splice(doc, ['files', 'main.ts'], 0, 0, 'X');
  });
  const viaChanges = document.applyChanges([A.getLastLocalChange(edited)!], false);
  t.like(viaChanges, { ok: false, code: 'edit_forbidden' });
  const viaSync = syncClient(document, 'navigator', edited, false).result;
  t.like(viaSync, { ok: false, code: 'edit_forbidden' });
  t.deepEqual(document.heads, before);
  t.is(document.files()['main.ts'], 'hello');
});

test('malformed bytes are refused without touching the document', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  const before = document.heads;
  t.like(document.receiveSync('p', Uint8Array.of(1, 2, 3), true), { ok: false, code: 'malformed_message' });
  t.like(document.applyChanges([Uint8Array.of(0x85, 0x6f, 0x4a, 0x83)], true), {
    ok: false,
    code: 'malformed_message',
  });
  t.like(document.receiveSync('unknown-peer', Uint8Array.of(0x42), true), { ok: false, code: 'malformed_message' });
  t.deepEqual(document.heads, before);
});

test('changes the document already has are accepted as a no-op, even from a non-editor', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  const { client } = syncClient(document, 'p', A.init<DojoDoc>());
  const known = A.getAllChanges(client);
  t.deepEqual(document.applyChanges(known, false), { ok: true, applied: [] });
});

test('fast-path changes are accepted at once and merged lazily; a repeat while pending is not relayed twice', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  let { client } = syncClient(document, 'p', A.init<DojoDoc>());
  const sent: Uint8Array[] = [];
  for (const letter of ['a', 'b', 'c']) {
    client = A.change(client, (doc) => {
      A.splice(doc, ['files', 'main.ts'], doc.files['main.ts']!.length, 0, letter);
    });
    sent.push(A.getLastLocalChange(client)!);
    const result = document.applyChanges([sent.at(-1)!], true);
    t.true(result.ok && result.applied.length === 1);
  }
  t.is(document.pendingChanges, 3);
  t.deepEqual(document.applyChanges([sent[1]!], true), { ok: true, applied: [] }, 'known while pending');
  t.is(document.files()['main.ts'], 'helloabc', 'reading merges');
  t.is(document.pendingChanges, 0);
  t.deepEqual(document.applyChanges([sent[2]!], false), { ok: true, applied: [] }, 'known after merge');
});

test('a sync-only client that edits in bursts between syncs is accepted, though Automerge packs its changes', (t) => {
  const document = DojoDocument.create('dojo-1', files);
  document.resetPeer('p');
  let client = A.init<DojoDoc>();
  let state = A.initSyncState();
  let other = A.init<DojoDoc>({ actor: '0b0b'.repeat(8) });
  const entries: Uint8Array[] = [];
  const converse = () => {
    for (let round = 0; round < 20; round++) {
      const fromServer = document.generateSync('p');
      if (fromServer) [client, state] = A.receiveSyncMessage(client, state, fromServer);
      const [next, fromClient] = A.generateSyncMessage(client, state);
      state = next;
      if (fromClient) {
        entries.push(...A.decodeSyncMessage(fromClient).changes);
        t.like(document.receiveSync('p', fromClient, true), { ok: true });
      }
      if (!fromServer && !fromClient) return;
    }
    t.fail('the conversation did not settle');
  };
  converse();
  other = A.merge(other, client);
  for (let burst = 1; burst <= 6; burst++) {
    // Someone else types at the end of the file (through the fast path) while our client types a burst at the start.
    for (let i = 0; i < 3; i++) {
      other = A.change(other, (doc) => {
        A.splice(doc, ['files', 'main.ts'], doc.files['main.ts']!.length, 0, `<${burst}.${i}>`);
      });
      t.like(document.applyChanges([A.getLastLocalChange(other)!], true), { ok: true });
    }
    for (let i = 0; i < 10 * burst; i++) {
      client = A.change(client, (doc) => {
        A.splice(doc, ['files', 'main.ts'], 0, 0, `[${burst}.${i}]`);
      });
    }
    converse();
  }
  t.true(
    entries.some((entry) => (splitChunks(entry)?.length ?? 0) > 1),
    'at least one entry is several changes back to back',
  );
  const text = document.files()['main.ts']!;
  t.is(text, client.files['main.ts']);
  t.true(text.startsWith('[6.59][6.58]'));
  t.true(text.endsWith('<6.0><6.1><6.2>'));
});

test('a packed sync entry that is cut short or altered does not decode', (t) => {
  let client: A.Doc<DojoDoc> = A.from({ files: { 'main.ts': '' } as Record<string, string> });
  for (let i = 0; i < 40; i++) {
    client = A.change(client, (doc) => {
      A.splice(doc, ['files', 'main.ts'], 0, 0, `${i}`);
    });
  }
  const packed = new Uint8Array(Buffer.concat(A.getAllChanges(client).map((change) => Buffer.from(change))));
  t.is(splitChunks(packed)?.length, 41);
  t.deepEqual(
    syncEntryChanges(packed, A.init())?.map((change) => change.hash),
    A.getAllChanges(client).map((change) => A.decodeChange(change).hash),
  );
  t.is(splitChunks(packed.subarray(0, packed.length - 1)), null, 'cut short');
  t.is(splitChunks(new Uint8Array(0)), null, 'empty');
  const altered = packed.slice();
  altered[altered.length - 2]! ^= 0xff;
  t.is(syncEntryChanges(altered, A.init()), null, 'a flipped byte fails the checksum');
  t.is(decodeOneChange(packed), null, 'several changes are not one change');
});
