import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  deleteProject,
  getProgressMap,
  getProjectsMap,
  readProgress,
  readProjects,
  removeActivity,
  updateActivity,
} from '../../../shared/schema.ts';
import { inspectUpdate } from '../../../server/sync/inspectUpdate.ts';
import { ADA, BEN, clientOf, firstObjective, serverDoc } from '../../../server/sync/inspectUpdate.fixtures.ts';
import { removeProgressEntry } from './objectives/objectiveOps.ts';
import { deleteUndoably } from './undoableDelete.ts';

/** A client connected to `server` through the permission stage: every local update is inspected as `actor`, then applied. */
function connect(server: Y.Doc, actor: typeof BEN) {
  const doc = clientOf(server);
  const refusals: string[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    const r = inspectUpdate(server, update, actor);
    if (r.ok) Y.applyUpdate(server, update, 'client');
    else refusals.push(r.reason);
  });
  const pull = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'server');
  return { doc, refusals, pull };
}

const projectsOf = (doc: Y.Doc) => [getProjectsMap(doc), getProgressMap(doc)];

describe('deleteUndoably', () => {
  it("a member deletes another member's activity and undoes it: the server accepts both and everyone has it back", () => {
    const server = serverDoc();
    const ben = connect(server, BEN);
    const other = connect(server, ADA);
    const before = readProjects(server).find((p) => p.id === 'prj_dan')!.activities;
    const id = before[0].id;

    const handle = deleteUndoably(ben.doc, projectsOf(ben.doc), () => removeActivity(ben.doc, 'prj_dan', id))!;
    other.pull();
    expect(readProjects(other.doc).find((p) => p.id === 'prj_dan')!.activities).toEqual([]);

    expect(handle.undo()).toBe(true);
    other.pull();
    expect(ben.refusals).toEqual([]);
    expect(readProjects(server).find((p) => p.id === 'prj_dan')!.activities).toEqual(before);
    expect(readProjects(other.doc).find((p) => p.id === 'prj_dan')!.activities).toEqual(before);
    // Once only.
    expect(handle.undo()).toBe(false);
  });

  it("undoes only the person's own delete, never someone else's edit made meanwhile", () => {
    const server = serverDoc();
    const ben = connect(server, BEN);
    const ada = connect(server, ADA);
    const added = addActivity(ada.doc, 'prj_dan', { title: 'Second', done: false, assignee: null, dueDate: null });
    ben.pull();
    const first = readProjects(ben.doc).find((p) => p.id === 'prj_dan')!.activities[0].id;
    const handle = deleteUndoably(ben.doc, projectsOf(ben.doc), () => removeActivity(ben.doc, 'prj_dan', first))!;
    ada.pull();
    updateActivity(ada.doc, 'prj_dan', added, { done: true });
    ben.pull();
    expect(handle.undo()).toBe(true);
    ada.pull();
    const acts = readProjects(ada.doc).find((p) => p.id === 'prj_dan')!.activities;
    expect(acts.map((a) => [a.title, a.done])).toEqual([
      ['Call', false],
      ['Second', true],
    ]);
  });

  it('an admin restores a deleted progress entry and a deleted project with all its activities', () => {
    const server = serverDoc();
    const ada = connect(server, ADA);
    const obj = firstObjective(server);
    const entry = readProgress(server, obj)[0];
    const p = deleteUndoably(ada.doc, projectsOf(ada.doc), () => removeProgressEntry(ada.doc, obj, entry))!;
    expect(readProgress(server, obj)).toEqual([]);
    expect(p.undo()).toBe(true);
    expect(readProgress(server, obj)).toEqual([entry]);

    const project = readProjects(server).find((x) => x.id === 'prj_dan')!;
    const d = deleteUndoably(ada.doc, projectsOf(ada.doc), () => deleteProject(ada.doc, 'prj_dan'))!;
    expect(readProjects(server).some((x) => x.id === 'prj_dan')).toBe(false);
    expect(d.undo()).toBe(true);
    expect(ada.refusals).toEqual([]);
    expect(readProjects(server).find((x) => x.id === 'prj_dan')).toEqual(project);
  });

  it('offers no undo when nothing was deleted, and says when there is nothing left to restore', () => {
    const server = serverDoc();
    const ben = connect(server, BEN);
    const ada = connect(server, ADA);
    expect(deleteUndoably(ben.doc, projectsOf(ben.doc), () => undefined)).toBeNull();
    const id = readProjects(ben.doc).find((p) => p.id === 'prj_dan')!.activities[0].id;
    const handle = deleteUndoably(ben.doc, projectsOf(ben.doc), () => removeActivity(ben.doc, 'prj_dan', id))!;
    ada.pull();
    deleteProject(ada.doc, 'prj_dan');
    ben.pull();
    expect(handle.undo()).toBe(false);
    expect(ben.refusals).toEqual([]);
  });
});
