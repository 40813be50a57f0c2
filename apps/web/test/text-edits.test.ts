import * as A from '@automerge/automerge';
import test from 'ava';
import { type FileUpdate, fileUpdatesFromPatches } from '../src/dojo/textEdits.ts';

type Doc = {
  files: Record<string, string>;
};

/** Applies updates to plain strings the way the editor binding applies them to CodeMirror. */
function apply(texts: Record<string, string>, updates: Map<string, FileUpdate>): Record<string, string> {
  const out = { ...texts };
  for (const [path, update] of updates) {
    if (update.kind === 'replace') {
      out[path] = update.text;
      continue;
    }
    let text = out[path] ?? '';
    for (const edit of update.edits) text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
    out[path] = text;
  }
  return out;
}

const replay = (before: A.Doc<Doc>, after: A.Doc<Doc>) => {
  const patches = A.diff(after, A.getHeads(before), A.getHeads(after));
  return apply(
    { ...before.files },
    fileUpdatesFromPatches(patches, (path) => after.files[path]),
  );
};

test('remote splices and deletions become text edits that reproduce the new text', (t) => {
  const base = A.from<Doc>({ files: { 'main.ts': 'const x = 1;\n', 'main.test.ts': 'test();\n' } });
  const other = A.change(A.clone(base), (d) => {
    A.splice(d, ['files', 'main.ts'], 6, 1, 'answer');
    A.splice(d, ['files', 'main.ts'], 0, 0, '// hello\n');
    A.splice(d, ['files', 'main.test.ts'], 0, 4, 'it');
  });
  t.deepEqual(replay(base, other), { ...other.files });
});

test('concurrent edits merged from another replica replay exactly', (t) => {
  const base = A.from<Doc>({ files: { 'a.py': 'def f():\n    return 1\n' } });
  const mine = A.change(A.clone(base), (d) => A.splice(d, ['files', 'a.py'], 0, 0, '# mine\n'));
  const theirs = A.change(A.clone(base), (d) => A.splice(d, ['files', 'a.py'], 20, 1, '42'));
  const merged = A.merge(A.clone(mine), theirs);
  t.deepEqual(replay(mine, merged), { ...merged.files });
  t.true(merged.files['a.py']!.includes('# mine') && merged.files['a.py']!.includes('42'));
});

test('a new or replaced file arrives as its whole text', (t) => {
  const base = A.from<Doc>({ files: { 'a.go': 'package a\n' } });
  const next = A.change(A.clone(base), (d) => {
    d.files['b.go'] = 'package b\n';
  });
  const patches = A.diff(next, A.getHeads(base), A.getHeads(next));
  const updates = fileUpdatesFromPatches(patches, (path) => next.files[path]);
  t.deepEqual(apply({ ...base.files }, updates), { ...next.files });
  t.false(updates.has('a.go'), 'untouched files get no update');
});
