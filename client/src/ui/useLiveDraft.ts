/**
 * React state for a form over a live record (see liveDraft.ts): pass the record's current values
 * as form strings on every render; the hook keeps only the person's edits.
 */
import { useRef, useState } from 'react';
import {
  changedFields,
  conflicts,
  edit,
  keepMine,
  noEdits,
  shown,
  takeTheirs,
  type Conflict,
  type Edits,
  type Fields,
} from './liveDraft.ts';

export interface LiveDraft<K extends string> {
  /** What the form shows. */
  values: Record<K, string>;
  conflicts: Conflict<K>[];
  set: (k: K, value: string) => void;
  keepMine: (k: K) => void;
  takeTheirs: (k: K) => void;
  /** The fields a save must write. */
  changed: () => K[];
}

export function useLiveDraft<K extends string>(live: Fields<K>): LiveDraft<K> {
  const [edits, setEdits] = useState<Edits<K>>(noEdits<K>);
  // Updates run later than the render that scheduled them: they must merge against the newest record.
  const liveRef = useRef(live);
  liveRef.current = live;
  return {
    values: shown(live, edits),
    conflicts: conflicts(live, edits),
    set: (k, value) => setEdits((e) => edit(liveRef.current, e, k, value)),
    keepMine: (k) => setEdits((e) => keepMine(liveRef.current, e, k)),
    takeTheirs: (k) => setEdits((e) => takeTheirs(e, k)),
    changed: () => changedFields(live, edits),
  };
}
