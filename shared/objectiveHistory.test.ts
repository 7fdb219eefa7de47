import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDiff } from './planDiff.ts';
import { snapshotPlan } from './planSnapshot.ts';
import {
  ALL_OBJECTIVES,
  buildInitialPlan,
  lockObjective,
  readObjectives,
  unlockObjective,
  updateObjective,
} from './schema.ts';

const measure = { unit: '%', baseline: 0, target: 10, direction: 'increase' } as const;

function plan() {
  const doc = new Y.Doc();
  buildInitialPlan(doc, {
    title: 'T',
    vision: [],
    objectives: [
      { title: 'A', description: '', catalogId: null, measure, dueDate: null },
      { title: 'B', description: '', catalogId: null, measure, dueDate: null },
    ],
    principles: [],
    behaviours: [],
    accountPlanProject: { name: 'APP', description: '', createdBy: 'u-ada' },
  });
  return doc;
}

describe('objective locks, owner and data source in history', () => {
  it('locking and unlocking one definition shows as a change to that objective', () => {
    const doc = plan();
    const [a] = readObjectives(doc);
    const before = snapshotPlan(doc);
    lockObjective(doc, a.id, 'u-ada', 'acme', new Date('2026-01-02T00:00:00Z'));
    const locked = snapshotPlan(doc);
    const diff = planDiff(before, locked).objectives;
    expect(diff.changed).toBe(true);
    expect(diff.modified).toHaveLength(1);
    expect(diff.modified[0]).toMatchObject({
      id: a.id,
      fields: [
        { field: 'lock', before: null, after: { by: 'u-ada', company: 'acme', at: '2026-01-02T00:00:00.000Z' } },
      ],
    });
    unlockObjective(doc, a.id);
    expect(planDiff(locked, snapshotPlan(doc)).objectives.modified[0].fields[0]).toMatchObject({
      field: 'lock',
      after: null,
    });
  });

  it('the all-objectives lock shows on every objective', () => {
    const doc = plan();
    const before = snapshotPlan(doc);
    lockObjective(doc, ALL_OBJECTIVES, 'u-ada', 'acme');
    expect(planDiff(before, snapshotPlan(doc)).objectives.modified.map((m) => m.label)).toEqual(['A', 'B']);
  });

  it('owner and data source changes are listed', () => {
    const doc = plan();
    const [a] = readObjectives(doc);
    const before = snapshotPlan(doc);
    updateObjective(doc, a.id, { owner: 'u-ben', dataSource: 'ERP' });
    expect(planDiff(before, snapshotPlan(doc)).objectives.modified[0].fields.map((f) => f.field)).toEqual([
      'owner',
      'dataSource',
    ]);
  });
});
