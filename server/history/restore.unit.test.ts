import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addObjective,
  addProgress,
  addProject,
  buildInitialPlan,
  deleteObjective,
  getVision,
  readProgress,
  setLock,
  updateActivity,
  updateObjective,
  updateProject,
  type InitialPlan,
} from '../../shared/schema.ts';
import { snapshotPlan } from '../../shared/planSnapshot.ts';
import { applyVersionContent } from './restore.ts';

const PLAN: InitialPlan = {
  title: 'Plan',
  vision: ['The signed vision.'],
  objectives: [
    {
      title: 'OTIF',
      description: '',
      catalogId: null,
      measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
      dueDate: null,
    },
  ],
  principles: ['Share early.'],
  behaviours: ['Be kind.'],
  accountPlanProject: {
    name: 'Joint',
    description: '',
    createdBy: 'u_ada',
    activities: [{ title: 'Kick-off', done: false, assignee: null, dueDate: null }],
  },
};

const copy = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};
/** The plan without progress (kept on purpose by a restore). */
const planContent = (doc: Y.Doc) => {
  const { progress: _progress, ...rest } = snapshotPlan(doc);
  return rest;
};

describe('applyVersionContent', () => {
  it('turns the live plan back into the version, as one forward update', () => {
    const live = new Y.Doc();
    buildInitialPlan(live, PLAN);
    const version = copy(live);
    const [obj] = snapshotPlan(live).objectives;
    const [app] = snapshotPlan(live).projects;

    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Ben was here.')]);
    getVision(live).insert(1, [p]);
    live.getMap('meta').set('title', 'Renamed');
    updateObjective(live, obj.id, {
      title: 'Changed',
      measure: { unit: '%', baseline: 80, target: 99, direction: 'increase' },
    });
    addObjective(live, {
      title: 'New',
      description: '',
      catalogId: null,
      measure: { unit: 'x', baseline: 0, target: 1, direction: 'increase' },
      dueDate: null,
    });
    updateProject(live, app.id, { status: 'done' });
    updateActivity(live, app.id, app.activities[0].id, { done: true });
    addActivity(live, app.id, { title: 'Extra', done: false, assignee: null, dueDate: null });
    addProject(live, { name: 'Side project', createdBy: 'u_ben' });
    setLock(live, 'vision', 'u_ada');
    addProgress(live, obj.id, { value: 85, at: '2025-01-01T00:00:00.000Z', by: 'u_ben' });

    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));
    live.transact(() => applyVersionContent(live, version));
    expect(updates).toHaveLength(1);
    expect(planContent(live)).toEqual(planContent(version));
    // Measurements and locks are not plan content: they stay.
    expect(readProgress(live, obj.id)).toHaveLength(1);
    expect((live.getMap('meta').get('locks') as Y.Map<unknown>).get('vision')).toBeTruthy();

    // A client that only had the old live state converges to the same content.
    const client = copy(version);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    expect(planContent(client)).toEqual(planContent(version));
  });

  it('brings back a deleted objective with its progress, and changes nothing when equal', () => {
    const live = new Y.Doc();
    buildInitialPlan(live, PLAN);
    const [obj] = snapshotPlan(live).objectives;
    addProgress(live, obj.id, { value: 90, at: '2025-02-01T00:00:00.000Z', by: 'u_ada' });
    const version = copy(live);
    deleteObjective(live, obj.id);
    live.transact(() => applyVersionContent(live, version));
    expect(snapshotPlan(live)).toEqual(snapshotPlan(version));

    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));
    live.transact(() => applyVersionContent(live, version));
    expect(updates).toHaveLength(0);
  });

  it('restores only the sections asked for: later work elsewhere stays', () => {
    const live = new Y.Doc();
    buildInitialPlan(live, PLAN);
    const version = copy(live);
    const [obj] = snapshotPlan(live).objectives;

    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Later vision.')]);
    getVision(live).insert(1, [p]);
    updateObjective(live, obj.id, { title: 'Later title' });
    const later = addProject(live, { name: 'Made since', createdBy: 'u_ben' });
    live.getMap('meta').set('title', 'Renamed');

    live.transact(() => applyVersionContent(live, version, ['vision']));
    const after = snapshotPlan(live);
    const before = snapshotPlan(version);
    expect(after.vision).toEqual(before.vision);
    expect(after.objectives[0].title).toBe('Later title');
    expect(after.projects.some((x) => x.id === later)).toBe(true);
    expect(after.title).toBe('Renamed');

    live.transact(() => applyVersionContent(live, version, ['projects', 'title']));
    const again = snapshotPlan(live);
    expect(again.projects).toEqual(before.projects);
    expect(again.title).toBe('Plan');
    expect(again.objectives[0].title).toBe('Later title');
  });
});
