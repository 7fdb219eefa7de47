/**
 * React views of the plan document. Each hook observes only its own root (observeDeep), so a
 * keystroke in the vision does not re-render the objectives.
 */
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import {
  getMeta,
  getObjectivesMap,
  getProgressMap,
  getProjectsMap,
  readLocks,
  readObjectives,
  readProgress,
  readProjects,
  readTitle,
  type LockInfo,
  type Objective,
  type ProgressEntry,
  type Project,
} from '../../../shared/schema.ts';

/** What a Yjs shared type offers to watch it; every Y.Map, Y.Array or Y.XmlFragment has it. */
export type Observed = Pick<Y.AbstractType<unknown>, 'observeDeep' | 'unobserveDeep'>;

/** A counter that changes whenever anything inside `type` changes. */
export function useYVersion(type: Observed | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!type) return;
    const bump = () => setVersion((v) => v + 1);
    type.observeDeep(bump);
    bump();
    return () => type.unobserveDeep(bump);
  }, [type]);
  return version;
}

export function useLocks(doc: Y.Doc): Record<string, LockInfo> {
  const meta = getMeta(doc);
  const v = useYVersion(meta);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `v` is the change counter of what is read: the read must rerun when it moves
  return useMemo(() => readLocks(doc), [doc, v]);
}

export function usePlanTitle(doc: Y.Doc): string {
  const meta = getMeta(doc);
  const v = useYVersion(meta);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `v` is the change counter of what is read: the read must rerun when it moves
  return useMemo(() => readTitle(doc), [doc, v]);
}

export function useObjectives(doc: Y.Doc): Objective[] {
  const v = useYVersion(getObjectivesMap(doc));
  // Locks on definitions live in meta (meta.objectiveLocks) and are part of what a card shows.
  const m = useYVersion(getMeta(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `v` and `m` are the change counters of what is read: the read must rerun when they move
  return useMemo(() => readObjectives(doc), [doc, v, m]);
}

export function useProgress(doc: Y.Doc): (objectiveId: string) => ProgressEntry[] {
  const v = useYVersion(getProgressMap(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `v` is the change counter of what is read: the read must rerun when it moves
  return useMemo(() => (id: string) => readProgress(doc, id), [doc, v]);
}

export function useProjects(doc: Y.Doc): Project[] {
  const v = useYVersion(getProjectsMap(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `v` is the change counter of what is read: the read must rerun when it moves
  return useMemo(() => readProjects(doc), [doc, v]);
}
