/**
 * Deleting something from the plan with a way back for a few seconds: the delete runs in a
 * transaction with an origin of its own, tracked by a Yjs UndoManager created for it alone, so
 * "undo" restores exactly that delete, by the person who made it, and nothing anyone else did.
 *
 * What must stay true:
 * - the undo is a normal edit by the same person (new items carrying the old content), judged by
 *   the server like any other: it restores an activity, a progress entry or a project only when
 *   that person may create one;
 * - a delete that removed nothing offers no undo;
 * - an undo that finds nothing to restore (someone deleted the project the activity was in, say)
 *   says so instead of pretending.
 */
import * as Y from 'yjs';

export interface UndoableDelete {
  /** Restores what was deleted; false when nothing could be restored. Once only. */
  undo: () => boolean;
  /** Gives up the way back (frees what the undo kept alive). */
  dispose: () => void;
}

export function deleteUndoably(
  doc: Y.Doc,
  scope: ConstructorParameters<typeof Y.UndoManager>[0],
  remove: () => void,
): UndoableDelete | null {
  const origin = { undoableDelete: true };
  const manager = new Y.UndoManager(scope, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  try {
    doc.transact(remove, origin);
  } catch (err) {
    manager.destroy();
    throw err;
  }
  if (manager.undoStack.length === 0) {
    manager.destroy();
    return null;
  }
  let done = false;
  return {
    undo() {
      if (done) return false;
      done = true;
      const restored = manager.undo() !== null;
      manager.destroy();
      return restored;
    },
    dispose() {
      done = true;
      manager.destroy();
    },
  };
}
