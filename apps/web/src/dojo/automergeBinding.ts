import { Annotation, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import type { DojoSession } from './DojoSession.ts';
import type { TextEdit } from './textEdits.ts';

/** Marks transactions that carry others' edits, so they are not echoed back. */
const remote = Annotation.define<boolean>();

/**
 * Binds a CodeMirror view to one file of the dojo document: local changes
 * become Automerge splices, remote patches become CodeMirror changes. Cursor
 * and typing state go out as presence (the session paces them, PresencePacer; the
 * server coalesces presence per interval).
 */
export function automergeBinding(session: DojoSession, path: string): Extension {
  const plugin = ViewPlugin.fromClass(
    class {
      #unsubscribe: () => void;
      #typingTimer: ReturnType<typeof setTimeout> | undefined;
      #typing = false;
      readonly view: EditorView;

      constructor(view: EditorView) {
        this.view = view;
        this.#unsubscribe = session.onFile(path, (update) => {
          // Dispatching inside another update is not allowed: defer to a microtask when needed.
          const apply = () => {
            if (update.kind === 'replace') {
              view.dispatch({
                changes: { from: 0, to: view.state.doc.length, insert: update.text },
                annotations: remote.of(true),
              });
              return;
            }
            for (const edit of update.edits) {
              const length = view.state.doc.length;
              view.dispatch({
                changes: { from: Math.min(edit.from, length), to: Math.min(edit.to, length), insert: edit.insert },
                annotations: remote.of(true),
              });
            }
          };
          if ((view as unknown as { updateState: number }).updateState) queueMicrotask(apply);
          else apply();
        });
      }

      update(update: ViewUpdate) {
        if (update.docChanged) {
          const local = update.transactions.filter((tr) => tr.docChanged && !tr.annotation(remote));
          for (const tr of local) {
            const edits: TextEdit[] = [];
            tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
              edits.push({ from: fromA, to: toA, insert: inserted.toString() });
            });
            session.edit(path, edits);
          }
          if (local.length > 0) this.#markTyping();
        }
        if (update.selectionSet || update.focusChanged) this.#sendPresence();
      }

      #markTyping() {
        this.#typing = true;
        clearTimeout(this.#typingTimer);
        this.#typingTimer = setTimeout(() => {
          this.#typing = false;
          this.#sendPresence();
        }, 1500);
        this.#sendPresence();
      }

      #sendPresence() {
        const { anchor, head } = this.view.state.selection.main;
        session.sendPresence({ file: path, anchor, head, typing: this.#typing });
      }

      destroy() {
        clearTimeout(this.#typingTimer);
        this.#unsubscribe();
      }
    },
  );
  return [plugin, EditorView.contentAttributes.of({ 'data-file': path })];
}
