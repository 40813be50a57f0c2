import { indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useId, useRef } from 'react';
import { useMessages } from '../i18n/useMessages.ts';
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
  const { t } = useMessages();
  const editorLabel = t('dojo.editor.label', { path });
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const labels = useRef(new Compartment());
  const hintId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is built once per file; rights and cursors update it below
  useEffect(() => {
    const state = EditorState.create({
      doc: session.text(path),
      extensions: [
        basicSetup,
        // Tab indents, as in any code editor; Escape then Tab leaves the editor (CodeMirror's
        // keyboard-trap escape, shown under the editor), so keyboard users are never stuck in it.
        keymap.of([indentWithTab]),
        // Escape arms "Tab leaves" until another key or the next visit, not for CodeMirror's 2 seconds,
        // which a slow machine or a slow hand misses. An observer, not a handler: handlers stop at the
        // first that takes the event, and the keymaps' handler comes first and takes Escape whenever a
        // completion popup is open (closing it), which a loaded machine's late popup made random.
        EditorView.domEventObservers({
          keydown: (event, target) => {
            if (event.key === 'Escape') {
              target.setTabFocusMode(true);
              // Shown on the editor (and read by the tests): Tab leaves now.
              target.dom.dataset.tabLeaves = 'true';
            } else if (!['Tab', 'Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) {
              target.setTabFocusMode(false);
              delete target.dom.dataset.tabLeaves;
            }
          },
          focus: (_event, target) => {
            target.setTabFocusMode(false);
            delete target.dom.dataset.tabLeaves;
          },
        }),
        languageSupport(language, path),
        editable.current.of(readOnlyFor(readOnly)),
        remoteCursorsField,
        automergeBinding(session, path),
        labels.current.of(EditorView.contentAttributes.of({ 'aria-label': editorLabel, 'aria-describedby': hintId })),
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

  // The member's language can arrive after the editor is built (their profile loads): relabel, don't rebuild.
  useEffect(() => {
    view.current?.dispatch({
      effects: labels.current.reconfigure(
        EditorView.contentAttributes.of({ 'aria-label': editorLabel, 'aria-describedby': hintId }),
      ),
    });
  }, [editorLabel, hintId]);

  return (
    <>
      <div ref={host} className="dojo-editor" data-readonly={readOnly ? 'true' : 'false'} />
      <p id={hintId} className="editor-hint muted">
        <kbd>Tab</kbd> {t('dojo.editor.tab_indents')} · <kbd>Esc</kbd> {t('dojo.editor.then')} <kbd>Tab</kbd>{' '}
        {t('dojo.editor.tab_leaves')}
      </p>
    </>
  );
}
