/**
 * Comment markers in rich text: every open thread anchored in this editor's section is shown as
 * a highlighted range (decorations only, nothing is written), resolved from the anchor's Yjs
 * relative positions through the collaboration binding, so it follows every edit around it.
 * Clicking a marker opens its thread; `Mod-Alt-m` comments on the selection.
 *
 * What must stay true: the anchor is taken from the binding's own document (the live one, or the
 * read-only mirror whose item ids are the live ones), so the same positions resolve everywhere.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import {
  COMMENT_LIMITS,
  decodePosition,
  encodePosition,
  type CommentAnchor,
  type RichTextSection,
} from '../../../shared/schema.ts';
import type { CommentsSource } from '../comments/CommentsContext.tsx';

const key = new PluginKey<DecorationSet>('commentMarks');
const REFRESH = 'commentMarksRefresh';

export interface CommentMarksOptions {
  section: RichTextSection | null;
  source: CommentsSource | null;
}

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: unknown;
}

function bindingOf(state: EditorState): Binding | null {
  const s = ySyncPluginKey.getState(state) as { binding?: Binding } | undefined;
  return s?.binding ?? null;
}

function decorations(state: EditorState, options: CommentMarksOptions): DecorationSet {
  const binding = bindingOf(state);
  if (!binding || !options.source || !options.section) return DecorationSet.empty;
  const decos: Decoration[] = [];
  for (const { first } of options.source.threads()) {
    const a = first.anchor;
    if (!a || a.kind !== 'text' || a.section !== options.section || first.resolved) continue;
    const start = decodePosition(a.start);
    const end = decodePosition(a.end);
    if (!start || !end) continue;
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, start, binding.mapping as never);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping as never);
    if (from === null || to === null || to <= from || to > state.doc.content.size) continue;
    decos.push(
      Decoration.inline(from, to, {
        class: 'ch-comment-mark',
        'data-thread': first.id,
        title: 'Open the comment',
      }),
    );
  }
  return DecorationSet.create(state.doc, decos);
}

/** The selection as a comment anchor, or null when nothing is selected. */
export function selectionAnchor(state: EditorState, section: RichTextSection): CommentAnchor | null {
  const { from, to, empty } = state.selection;
  const binding = bindingOf(state);
  if (empty || !binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping as never);
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping as never);
  const quote = state.doc.textBetween(from, to, ' ').slice(0, COMMENT_LIMITS.quote);
  return { kind: 'text', section, start: encodePosition(start), end: encodePosition(end), quote };
}

export const CommentMarks = Extension.create<CommentMarksOptions>({
  name: 'commentMarks',
  addOptions: () => ({ section: null, source: null }),
  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        const { section, source } = this.options;
        const anchor = section ? selectionAnchor(this.editor.state, section) : null;
        if (!anchor || !source) return false;
        source.startThread(anchor);
        return true;
      },
    };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorations(state, options),
          // Recomputed on every change: a handful of threads resolve in microseconds, and any
          // edit may move them.
          apply: (tr, set, _old, state) =>
            tr.docChanged || tr.getMeta(REFRESH) || tr.getMeta(ySyncPluginKey) ? decorations(state, options) : set,
        },
        props: {
          decorations: (state) => key.getState(state),
          handleClick(_view, _pos, event) {
            const mark = (event.target as HTMLElement | null)?.closest?.('.ch-comment-mark');
            const id = mark?.getAttribute('data-thread');
            if (!id || !options.source) return false;
            options.source.open(id);
            return false;
          },
        },
        view(view) {
          const unsubscribe = options.source?.subscribe(() => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(REFRESH, true));
          });
          return { destroy: () => unsubscribe?.() };
        },
      }),
    ];
  },
});
