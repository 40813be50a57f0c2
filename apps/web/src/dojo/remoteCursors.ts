import { type EditorState, type Range, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, WidgetType } from '@codemirror/view';

/** Another participant's cursor in this file. */
export interface RemoteCursor {
  sessionId: string;
  name: string;
  color: string;
  anchor: number;
  head: number;
  typing: boolean;
}

export const setRemoteCursors = StateEffect.define<RemoteCursor[]>();

class CaretWidget extends WidgetType {
  readonly cursor: RemoteCursor;
  constructor(cursor: RemoteCursor) {
    super();
    this.cursor = cursor;
  }
  override eq(other: CaretWidget): boolean {
    const a = this.cursor;
    const b = other.cursor;
    return a.sessionId === b.sessionId && a.name === b.name && a.color === b.color && a.typing === b.typing;
  }
  override toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = 'remote-caret';
    caret.style.borderColor = this.cursor.color;
    caret.dataset.session = this.cursor.sessionId;
    const label = document.createElement('span');
    label.className = 'remote-caret__label';
    label.style.backgroundColor = this.cursor.color;
    label.textContent = this.cursor.typing ? `${this.cursor.name} ✎` : this.cursor.name;
    caret.append(label);
    return caret;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

function build(state: EditorState, cursors: RemoteCursor[]): DecorationSet {
  const length = state.doc.length;
  const ranges: Range<Decoration>[] = [];
  for (const c of cursors) {
    const anchor = Math.min(c.anchor, length);
    const head = Math.min(c.head, length);
    const from = Math.min(anchor, head);
    const to = Math.max(anchor, head);
    if (from < to) {
      ranges.push(
        Decoration.mark({
          class: 'remote-selection',
          attributes: { style: `background-color: ${c.color}33` },
        }).range(from, to),
      );
    }
    ranges.push(Decoration.widget({ widget: new CaretWidget(c), side: 1 }).range(head));
  }
  return Decoration.set(ranges, true);
}

/**
 * Others' cursors and selections, in their colours with their names. Positions
 * map through local edits until the next presence update replaces them.
 */
export const remoteCursorsField = StateField.define<{ cursors: RemoteCursor[]; decorations: DecorationSet }>({
  create: () => ({ cursors: [], decorations: Decoration.none }),
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setRemoteCursors)) return { cursors: effect.value, decorations: build(tr.state, effect.value) };
    }
    if (!tr.docChanged) return value;
    const cursors = value.cursors.map((c) => ({
      ...c,
      anchor: tr.changes.mapPos(Math.min(c.anchor, tr.startState.doc.length)),
      head: tr.changes.mapPos(Math.min(c.head, tr.startState.doc.length)),
    }));
    return { cursors, decorations: value.decorations.map(tr.changes) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});
