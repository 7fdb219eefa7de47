import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ALL_OBJECTIVES,
  addObjective,
  buildInitialPlan,
  deleteObjective,
  lockObjective,
  readObjectives,
  updateObjective,
} from '../../shared/schema.ts';
import { applyVersionContent } from './restore.ts';

const measure = { unit: '%', baseline: 80, target: 95, direction: 'increase' } as const;

function plan() {
  const doc = new Y.Doc();
  buildInitialPlan(doc, {
    title: 'Plan',
    vision: [],
    objectives: [
      { title: 'OTIF', description: '', catalogId: null, measure, dueDate: null },
      { title: 'Lead time', description: '', catalogId: null, measure, dueDate: null },
    ],
    principles: [],
    behaviours: [],
    accountPlanProject: { name: 'Joint', description: '', createdBy: 'u_ada' },
  });
  return doc;
}
const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};
const titles = (doc: Y.Doc) => readObjectives(doc).map((o) => o.title);

describe('a restore leaves locked objective definitions alone', () => {
  it('a locked objective keeps its current definition; the others are restored', () => {
    const live = plan();
    const version = copy(live);
    const [otif, lead] = readObjectives(live);
    updateObjective(live, otif.id, { title: 'OTIF (agreed)' });
    updateObjective(live, lead.id, { title: 'Lead time (draft)' });
    lockObjective(live, otif.id, 'u_ada', 'acme');
    live.transact(() => applyVersionContent(live, version, ['objectives']));
    expect(titles(live)).toEqual(['OTIF (agreed)', 'Lead time']);
  });

  it('with every definition locked, objectives neither come back nor go', () => {
    const live = plan();
    const [otif] = readObjectives(live);
    const version = copy(live);
    deleteObjective(live, otif.id);
    addObjective(live, { title: 'New', description: '', catalogId: null, measure, dueDate: null });
    lockObjective(live, ALL_OBJECTIVES, 'u_ada', 'acme');
    live.transact(() => applyVersionContent(live, version, ['objectives']));
    expect(titles(live)).toEqual(['Lead time', 'New']);
  });
});
