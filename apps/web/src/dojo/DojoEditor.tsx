import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { automergeBinding } from './automergeBinding.ts';
import type { DojoSession } from './DojoSession.ts';
import { languageSupport } from './languageSupport.ts';
import { type RemoteCursor, remoteCursorsField, setRemoteCursors } from './remoteCursors.ts';

const readOnlyFor = (readOnly: boolean) => [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];

/** The CodeMirror 6 editor of one file, bound to the dojo document. */
export function DojoEditor({
  session,
  path,
  language,
  readOnly,
  cursors,
}: {
  session: DojoSession;
  path: string;
  language: string;
  readOnly: boolean;
  cursors: RemoteCursor[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is built once per file; rights and cursors update it below
  useEffect(() => {
    const state = EditorState.create({
      doc: session.text(path),
      extensions: [
        basicSetup,
        languageSupport(language, path),
        editable.current.of(readOnlyFor(readOnly)),
        remoteCursorsField,
        automergeBinding(session, path),
        EditorView.contentAttributes.of({ 'aria-label': `Code editor: ${path}` }),
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    const created = new EditorView({ state, parent: host.current! });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [session, path, language]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(readOnlyFor(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: setRemoteCursors.of(cursors) });
  }, [cursors]);

  return <div ref={host} className="dojo-editor" data-readonly={readOnly ? 'true' : 'false'} />;
}
