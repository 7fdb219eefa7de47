/**
 * A brief highlight on text that arrives from someone else (DESIGN "Motion only to explain
 * change"). Decorations only — nothing is written to the document — and they fade out in CSS,
 * then are pruned on a later transaction. The first render of the document is not highlighted.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isChangeOrigin } from '@tiptap/extension-collaboration';

const key = new PluginKey<DecorationSet>('remoteHighlight');
/** How long a highlight lives (the CSS animation is a little shorter). */
export const REMOTE_HIGHLIGHT_MS = 1600;
/** Changes this soon after the editor starts are the document loading, not someone typing. */
const SETTLE_MS = 1200;

function changedRanges(tr: Transaction): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  tr.mapping.maps.forEach((map, i) => {
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (newEnd <= newStart) return;
      // Carry the range through the steps that came after this one.
      const rest = tr.mapping.slice(i + 1);
      ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
    });
  });
  return ranges;
}

export const RemoteHighlight = Extension.create({
  name: 'remoteHighlight',
  addProseMirrorPlugins() {
    const startedAt = Date.now();
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set, oldState) {
            let next = set.map(tr.mapping, tr.doc);
            const now = Date.now();
            const stale = next.find(undefined, undefined, (spec) => now - (spec.at as number) > REMOTE_HIGHLIGHT_MS);
            if (stale.length) next = next.remove(stale);
            if (!tr.docChanged || !isChangeOrigin(tr)) return next;
            if (now - startedAt < SETTLE_MS || oldState.doc.content.size <= 2) return next;
            const decos = changedRanges(tr)
              .filter(([from, to]) => to > from && to - from < 2000)
              .map(([from, to]) => Decoration.inline(from, to, { class: 'ch-remote-change' }, { at: now }));
            return decos.length ? next.add(tr.doc, decos) : next;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});
