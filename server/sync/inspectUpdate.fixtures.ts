/**
 * Shared fixtures of the inspector's tests: a seeded "server" document and the way a client
 * produces an update against it (sync from the server, edit, diff against the server's state).
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../shared/policy.ts';
import {
  addProgress,
  addProject,
  buildInitialPlan,
  getProjectsMap,
  getVision,
  readObjectives,
  type InitialPlan,
} from '../../shared/schema.ts';
import { inspectUpdate } from './inspectUpdate.ts';

export const ADA: Actor = { userId: 'u-ada', role: 'admin' };
export const BEN: Actor = { userId: 'u-ben', role: 'member' };
export const DAN: Actor = { userId: 'u-dan', role: 'member' };
export const VIC: Actor = { userId: 'u-vic', role: 'viewer' };

export const measure = { unit: '%', baseline: 0, target: 10, direction: 'increase' } as const;
const PLAN: InitialPlan = {
  title: 'Acme × Globex',
  vision: ['Grow together.', 'Second paragraph.'],
  objectives: [
    { title: 'Fill rate', description: '', catalogId: 'c1', measure, dueDate: null },
    { title: 'Lead time', description: '', catalogId: 'c2', measure, dueDate: null },
  ],
  principles: ['Be open'],
  behaviours: ['Meet monthly'],
  accountPlanProject: {
    name: 'APP',
    description: '',
    createdBy: ADA.userId,
    activities: [{ title: 'Kick-off', done: false, assignee: null, dueDate: null }],
  },
};

/**
 * Client ids are handed out in order rather than drawn at random (Yjs's default), so the bytes
 * of every update, the fuzzed ones included, are the same on every run.
 */
let nextClientID = 1;

/** A server doc with the plan, Ben's and Dan's projects and one progress entry by Ben. */
export function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = nextClientID++;
  buildInitialPlan(doc, PLAN);
  addProject(doc, { name: 'Ben project', createdBy: BEN.userId }, 'prj_ben');
  addProject(
    doc,
    {
      name: 'Dan project',
      createdBy: DAN.userId,
      activities: [{ title: 'Call', done: false, assignee: null, dueDate: null }],
    },
    'prj_dan',
  );
  addProgress(doc, firstObjective(doc), { value: 3, at: '2024-01-01T00:00:00Z', by: BEN.userId });
  return doc;
}

export const firstObjective = (doc: Y.Doc) => readObjectives(doc)[0].id;
export const appId = (doc: Y.Doc) =>
  [...getProjectsMap(doc).entries()].find(([, m]) => m.get('isAccountPlanProject') === true)![0];

export function clientOf(server: Y.Doc): Y.Doc {
  const c = new Y.Doc();
  c.clientID = nextClientID++;
  Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
  return c;
}

/** What a client would send after `edit`: its diff against the server's state. */
export function updateFrom(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const c = clientOf(server);
  edit(c);
  return Y.encodeStateAsUpdate(c, Y.encodeStateVector(server));
}

/** Inspects; when allowed, applies and checks yjs integrated all of it. */
export function attempt(server: Y.Doc, actor: Actor, edit: (doc: Y.Doc) => void) {
  const update = updateFrom(server, edit);
  const result = inspectUpdate(server, update, actor);
  if (result.ok) {
    Y.applyUpdate(server, update);
    expect(server.store.pendingStructs).toBeNull();
    expect(server.store.pendingDs).toBeNull();
  }
  return result;
}

/** The first text node of a section, however deeply nested (lists hold paragraphs). */
export function firstParagraphText(doc: Y.Doc, section: Y.XmlFragment = getVision(doc)): Y.XmlText {
  let node: Y.XmlFragment | Y.XmlText = section;
  while (!(node instanceof Y.XmlText)) node = node.get(0);
  return node;
}
export const typeInVision = (doc: Y.Doc) => firstParagraphText(doc).insert(0, 'Hello ');
