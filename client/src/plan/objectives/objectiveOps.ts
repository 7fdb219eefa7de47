/**
 * Writes the objectives section makes beyond the schema's helpers: reorder, delete with the
 * links that point at it, and removing one progress entry. Each is one transaction, so the
 * server sees (and judges) one update.
 */
import type * as Y from 'yjs';
import {
  deleteObjective,
  getProgressMap,
  readObjectives,
  readProjects,
  setProjectObjectives,
  updateObjective,
  type ProgressEntry,
} from '../../../../shared/schema.ts';

/** Moves an objective one place up (-1) or down (+1); `order` becomes the index for all of them. */
export function moveObjective(doc: Y.Doc, id: string, delta: -1 | 1): void {
  const list = readObjectives(doc);
  const from = list.findIndex((o) => o.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= list.length) return;
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved);
  doc.transact(() => {
    list.forEach((o, i) => {
      if (o.order !== i) updateObjective(doc, o.id, { order: i });
    });
  });
}

/** Deletes the objective, its progress, and its links from projects (admins may change any project). */
export function deleteObjectiveEverywhere(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    for (const p of readProjects(doc)) {
      if (p.objectiveIds.includes(id))
        setProjectObjectives(
          doc,
          p.id,
          p.objectiveIds.filter((x) => x !== id),
        );
    }
    deleteObjective(doc, id);
  });
}

const sameEntry = (a: ProgressEntry, b: ProgressEntry) =>
  a.at === b.at &&
  a.by === b.by &&
  a.value === b.value &&
  (a.note ?? '') === (b.note ?? '') &&
  (a.asOf ?? '') === (b.asOf ?? '');

/** Removes one entry (matched by content, since the view sorts by time). False when it is gone already. */
export function removeProgressEntry(doc: Y.Doc, objectiveId: string, entry: ProgressEntry): boolean {
  const arr = getProgressMap(doc).get(objectiveId);
  if (!arr) return false;
  const i = arr.toArray().findIndex((e) => !!e && typeof e === 'object' && sameEntry(e, entry));
  if (i < 0) return false;
  arr.delete(i, 1);
  return true;
}
