/**
 * A read-only editor is bound to a mirror of the live document, never to the live document
 * itself. The editor's Yjs binding writes to the document it is bound to when the stored content
 * does not fit the editor's schema (it deletes what it cannot show, and merges adjacent text
 * runs): from a viewer, or from a member in a locked section, such a write would be refused by
 * the server, the plan refreshed, and the same write made again. The mirror takes every live
 * change and gives nothing back, so a read-only client never writes, whatever is stored.
 *
 * What must stay true: changes flow one way only (live → mirror); item ids are the live ones, so
 * remote carets (relative positions) resolve in the mirror exactly as in the live document.
 */
import { useEffect, useMemo } from 'react';
import * as Y from 'yjs';

const FROM_LIVE = Symbol('live');

/** `fragment` itself when editable; else the same fragment in a one-way mirror of its document. */
export function useReadOnlyMirror(fragment: Y.XmlFragment, readOnly: boolean): Y.XmlFragment {
  const mirror = useMemo(() => {
    const live = fragment.doc;
    if (!readOnly || !live) return null;
    const doc = new Y.Doc({ gc: live.gc });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live), FROM_LIVE);
    const name = Y.findRootTypeKey(fragment);
    return { live, doc, fragment: doc.getXmlFragment(name) };
  }, [fragment, readOnly]);

  useEffect(() => {
    if (!mirror) return;
    const follow = (update: Uint8Array) => Y.applyUpdate(mirror.doc, update, FROM_LIVE);
    // Changes made between building the mirror and this effect are caught up first.
    Y.applyUpdate(mirror.doc, Y.encodeStateAsUpdate(mirror.live, Y.encodeStateVector(mirror.doc)), FROM_LIVE);
    mirror.live.on('update', follow);
    // Not destroyed on cleanup: an effect may run again for the same mirror (strict mode); once
    // unsubscribed and unbound, the mirror is garbage like any other object.
    return () => mirror.live.off('update', follow);
  }, [mirror]);

  return mirror?.fragment ?? fragment;
}
