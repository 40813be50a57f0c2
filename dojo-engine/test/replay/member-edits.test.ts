import * as A from '@automerge/automerge';
import test from 'ava';
import { describeEdits } from '../../src/replay/member-edits.ts';

type Doc = { files: Record<string, string> };

test("each of a member's changes is described by the files it touched and the text it typed; others' are not", (t) => {
  const server = A.change(A.init<Doc>({ actor: 'aa' }), (draft) => {
    draft.files = { 'main.ts': 'const x = 1;\n' };
  });
  let ada = A.clone(server, { actor: 'ad' });
  let bob = A.clone(server, { actor: 'b0' });
  ada = A.change(ada, (draft) => {
    A.splice(draft, ['files', 'main.ts'], 0, 0, '// Ada\n');
  });
  const adaTyped = A.decodeChange(A.getLastLocalChange(ada)!).hash;
  ada = A.change(ada, (draft) => {
    draft.files['notes.md'] = 'ideas';
  });
  const adaCreated = A.decodeChange(A.getLastLocalChange(ada)!).hash;
  bob = A.change(bob, (draft) => {
    A.splice(draft, ['files', 'main.ts'], 0, 6, 'let');
  });
  const bobEdit = A.decodeChange(A.getLastLocalChange(bob)!).hash;
  // What the store holds: a snapshot of the starter files, then every accepted change.
  const changes = [...A.getChanges(server, ada), ...A.getChanges(server, bob)];
  const described = describeEdits(
    { snapshot: A.save(server), changes, lastChangeId: 0 },
    new Set([adaTyped, adaCreated]),
  );

  t.deepEqual([...described.keys()].sort(), [adaTyped, adaCreated].sort());
  t.like(described.get(adaTyped), { files: ['main.ts'], inserted: '// Ada\n', deletedCharacters: 0, createdFiles: [] });
  t.like(described.get(adaCreated), { files: ['notes.md'], inserted: 'ideas', createdFiles: ['notes.md'] });
  t.false(described.has(bobEdit));
});

test('deleted characters and a deleted file are counted', (t) => {
  let doc = A.change(A.init<Doc>({ actor: 'aa' }), (draft) => {
    draft.files = { 'a.ts': 'hello world', 'b.ts': 'gone' };
  });
  doc = A.change(doc, (draft) => {
    A.splice(draft, ['files', 'a.ts'], 0, 6, '');
    delete draft.files['b.ts'];
  });
  const hash = A.decodeChange(A.getLastLocalChange(doc)!).hash;
  const described = describeEdits({ snapshot: null, changes: A.getAllChanges(doc), lastChangeId: 0 }, new Set([hash]));
  t.like(described.get(hash), { files: ['a.ts', 'b.ts'], deletedCharacters: 6, deletedFiles: ['b.ts'] });
});
