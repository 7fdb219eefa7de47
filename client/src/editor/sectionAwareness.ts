/**
 * One editor's view of the plan's awareness, for its caret plugin. The plan has three editors on
 * one awareness; the caret plugin of each rebuilds its decorations (a ProseMirror transaction) on
 * every awareness change, so a caret moving in the vision also cost the principles and the
 * behaviours a transaction each. Through this view, an editor hears `change` only when a remote
 * caret enters, moves within or leaves its own fragment, and `update` only for changes about
 * carets in its fragment (the caret extension's list of users listens to it; Charter reads
 * presence elsewhere, so that list may lag). Everything else (states, the local state) is the
 * real awareness.
 *
 * What must stay true: a caret that leaves the fragment is still reported once (so its
 * decoration goes), which is why the clients whose caret was inside are remembered from the
 * first listener on. Remote document changes rebuild the carets in the plugin itself, so a
 * caret whose position could not be resolved yet appears with the text it points into.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
type ChangeListener = (changes: AwarenessChanges, origin: unknown) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of any awareness event are handed on to the wrapped instance unchanged
type AnyListener = (...args: any[]) => void;

export class SectionAwareness {
  private readonly listeners = { change: new Set<ChangeListener>(), update: new Set<ChangeListener>() };
  /** Remote clients whose caret was in this fragment at the last change seen. */
  private readonly inside = new Set<number>();

  constructor(
    private readonly awareness: Awareness,
    private readonly fragment: Y.XmlFragment,
  ) {}

  get clientID(): number {
    return this.awareness.clientID;
  }
  get doc(): Y.Doc {
    return this.awareness.doc;
  }
  get states(): Map<number, Record<string, unknown>> {
    return this.awareness.states;
  }
  getStates(): Map<number, Record<string, unknown>> {
    return this.awareness.getStates();
  }
  getLocalState(): Record<string, unknown> | null {
    return this.awareness.getLocalState();
  }
  setLocalState(state: Record<string, unknown> | null): void {
    this.awareness.setLocalState(state);
  }
  setLocalStateField(field: string, value: unknown): void {
    this.awareness.setLocalStateField(field, value);
  }

  on(event: string, listener: AnyListener): void {
    if (event !== 'change' && event !== 'update') return this.awareness.on(event, listener);
    if (this.listenerCount() === 0) {
      for (const id of this.awareness.getStates().keys()) if (this.caretInside(id)) this.inside.add(id);
      this.awareness.on('change', this.relayChange);
      this.awareness.on('update', this.relayUpdate);
    }
    this.listeners[event].add(listener);
  }

  off(event: string, listener: AnyListener): void {
    if (event !== 'change' && event !== 'update') return this.awareness.off(event, listener);
    this.listeners[event].delete(listener);
    if (this.listenerCount() === 0) {
      this.awareness.off('change', this.relayChange);
      this.awareness.off('update', this.relayUpdate);
      this.inside.clear();
    }
  }

  private listenerCount(): number {
    return this.listeners.change.size + this.listeners.update.size;
  }

  private readonly relayChange = (changes: AwarenessChanges, origin: unknown): void => {
    if (this.concernsUs(changes, true)) for (const l of [...this.listeners.change]) l(changes, origin);
  };

  private readonly relayUpdate = (changes: AwarenessChanges, origin: unknown): void => {
    if (this.concernsUs(changes, false)) for (const l of [...this.listeners.update]) l(changes, origin);
  };

  /** Whether a change touches a remote caret that is, or was until now, in this fragment. */
  private concernsUs(changes: AwarenessChanges, remember: boolean): boolean {
    let relevant = false;
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
      if (id === this.awareness.clientID) continue;
      const now = this.caretInside(id);
      if (now || this.inside.has(id)) relevant = true;
      if (!remember) continue;
      if (now) this.inside.add(id);
      else this.inside.delete(id);
    }
    return relevant;
  }

  /**
   * Whether a client's published caret points into this editor's fragment. Runs for every
   * awareness change in every editor, so it only looks the caret's item up and walks its parents,
   * never computing an index (that walks the whole text).
   */
  private caretInside(clientId: number): boolean {
    if (clientId === this.awareness.clientID) return false;
    const cursor = (this.awareness.getStates().get(clientId) as { cursor?: { anchor?: unknown } } | undefined)?.cursor;
    const doc = this.fragment.doc;
    if (!cursor?.anchor || !doc) return false;
    let rel: Y.RelativePosition;
    try {
      rel = Y.createRelativePositionFromJSON(cursor.anchor);
    } catch {
      return false;
    }
    if (rel.tname !== null) return (doc.share.get(rel.tname) as unknown) === this.fragment;
    const id = rel.item ?? rel.type;
    // Not received yet: the plugin draws it with the remote change that brings it.
    if (!id || Y.getState(doc.store, id.client) <= id.clock) return false;
    const item = Y.getItem(doc.store, id);
    if (!(item instanceof Y.Item)) return false;
    if (rel.type && item.content instanceof Y.ContentType && item.content.type === this.fragment) return true;
    return Y.isParentOf(this.fragment, item);
  }
}
