/**
 * One editor's view of the plan's awareness, for its caret plugin. The plan has three editors on
 * one awareness; the caret plugin of each rebuilds its decorations (a ProseMirror transaction) on
 * every awareness change, so a caret moving in the vision also cost the principles and the
 * behaviours a transaction each. Through this view, an editor hears `change` only when a remote
 * caret enters, moves within or leaves its own fragment. Everything else (states, the local
 * state, other events) is the real awareness.
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => void;

export class SectionAwareness {
  private readonly listeners = new Set<ChangeListener>();
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
    return this.awareness.states as Map<number, Record<string, unknown>>;
  }
  getStates(): Map<number, Record<string, unknown>> {
    return this.awareness.getStates() as Map<number, Record<string, unknown>>;
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
    if (event !== 'change') return this.awareness.on(event, listener);
    if (this.listeners.size === 0) {
      for (const id of this.awareness.getStates().keys()) if (this.caretInside(id)) this.inside.add(id);
      this.awareness.on('change', this.relay);
    }
    this.listeners.add(listener);
  }

  off(event: string, listener: AnyListener): void {
    if (event !== 'change') return this.awareness.off(event, listener);
    this.listeners.delete(listener);
    if (this.listeners.size === 0) {
      this.awareness.off('change', this.relay);
      this.inside.clear();
    }
  }

  private readonly relay = (changes: AwarenessChanges, origin: unknown): void => {
    let relevant = false;
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
      if (id === this.awareness.clientID) continue;
      const now = this.caretInside(id);
      if (now || this.inside.has(id)) relevant = true;
      if (now) this.inside.add(id);
      else this.inside.delete(id);
    }
    if (relevant) for (const l of [...this.listeners]) l(changes, origin);
  };

  /** Whether a client's published caret points into this editor's fragment. */
  private caretInside(clientId: number): boolean {
    if (clientId === this.awareness.clientID) return false;
    const cursor = (this.awareness.getStates().get(clientId) as { cursor?: { anchor?: unknown } } | undefined)?.cursor;
    if (!cursor?.anchor || !this.fragment.doc) return false;
    let abs: Y.AbsolutePosition | null;
    try {
      abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), this.fragment.doc);
    } catch {
      return false;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (let t: Y.AbstractType<any> | null = abs?.type ?? null; t; t = t.parent as Y.AbstractType<any> | null) if (t === this.fragment) return true;
    return false;
  }
}
