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

/** A counter that changes whenever anything inside `type` changes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useYVersion(type: Y.AbstractType<any> | null): number {
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
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readLocks(doc), [doc, v]);
}

export function usePlanTitle(doc: Y.Doc): string {
  const meta = getMeta(doc);
  const v = useYVersion(meta);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readTitle(doc), [doc, v]);
}

export function useObjectives(doc: Y.Doc): Objective[] {
  const v = useYVersion(getObjectivesMap(doc));
  // Locks on definitions live in meta (meta.objectiveLocks) and are part of what a card shows.
  const m = useYVersion(getMeta(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readObjectives(doc), [doc, v, m]);
}

export function useProgress(doc: Y.Doc): (objectiveId: string) => ProgressEntry[] {
  const v = useYVersion(getProgressMap(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (id: string) => readProgress(doc, id), [doc, v]);
}

export function useProjects(doc: Y.Doc): Project[] {
  const v = useYVersion(getProjectsMap(doc));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readProjects(doc), [doc, v]);
}
