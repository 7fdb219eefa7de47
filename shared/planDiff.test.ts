import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addObjective,
  addProgress,
  addProject,
  buildInitialPlan,
  getVision,
  updateActivity,
  updateObjective,
  updateProject,
  deleteObjective,
  type InitialPlan,
} from './schema.ts';
import { snapshotPlan } from './planSnapshot.ts';
import { AGREED_SECTIONS, changedSections, planDiff } from './planDiff.ts';
import { diffWords, runsText, MAX_LCS_CELLS } from './textDiff.ts';

const PLAN: InitialPlan = {
  title: 'Acme × Globex',
  vision: ['We grow together through shared forecasts.'],
  objectives: [
    {
      title: 'Raise OTIF',
      description: 'On time, in full.',
      catalogId: 'cat_otif',
      measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
      dueDate: null,
    },
  ],
  principles: ['Share early.'],
  behaviours: ['Raise risks within a day.'],
  accountPlanProject: {
    name: 'Joint plan',
    description: 'The plan itself',
    createdBy: 'u_ada',
    activities: [{ title: 'Kick-off', done: false, assignee: 'u_ada', dueDate: null }],
  },
};

function planDoc(): Y.Doc {
  const doc = new Y.Doc();
  buildInitialPlan(doc, PLAN);
  return doc;
}

/** A copy of `doc` that shares its history, so ids stay the same and edits are real Y edits. */
function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('diffWords', () => {
  it('keeps equal text and groups a replacement as removed then added', () => {
    const runs = diffWords('the quick brown fox', 'a slow brown fox');
    expect(runs).toEqual([
      { op: 'removed', text: 'the quick' },
      { op: 'added', text: 'a slow' },
      { op: 'equal', text: ' brown fox' },
    ]);
  });

  it('round-trips both sides for arbitrary edits', () => {
    const pairs = [
      ['', 'new text'],
      ['old text', ''],
      ['one two three four', 'one three four five'],
      ['Line one.\nLine two.', 'Line one!\nLine 2 and more.\nLine three.'],
      ['same', 'same'],
    ];
    for (const [a, b] of pairs) {
      const runs = diffWords(a, b);
      expect(runsText(runs, 'before')).toBe(a);
      expect(runsText(runs, 'after')).toBe(b);
    }
  });

  it('falls back to replacing the middle when the table would be too large', () => {
    const n = Math.ceil(Math.sqrt(MAX_LCS_CELLS)) + 10;
    const a = Array.from({ length: n }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: n }, (_, i) => `b${i}`).join(' ');
    const runs = diffWords(`start ${a} end`, `start ${b} end`);
    expect(runs[0]).toEqual({ op: 'equal', text: 'start ' });
    expect(runsText(runs, 'after')).toBe(`start ${b} end`);
  });
});

describe('planDiff', () => {
  it('reports no change for equal plans', () => {
    const doc = planDoc();
    const diff = planDiff(snapshotPlan(doc), snapshotPlan(fork(doc)));
    expect(changedSections(diff)).toEqual([]);
    expect(diff.vision.runs).toEqual([{ op: 'equal', text: 'We grow together through shared forecasts.' }]);
  });

  it('shows added and removed words in the vision', () => {
    const doc = planDoc();
    const after = fork(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Ben adds a second paragraph.')]);
    getVision(after).insert(1, [p]);
    const diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(changedSections(diff)).toEqual(['vision']);
    expect(
      diff.vision.runs
        .filter((r) => r.op === 'added')
        .map((r) => r.text)
        .join(''),
    ).toContain('Ben adds a second paragraph.');
    expect(diff.vision.formattingOnly).toBe(false);
  });

  it('flags a formatting-only change', () => {
    const doc = planDoc();
    const after = fork(doc);
    const text = (getVision(after).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 2, { bold: {} });
    const diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(diff.vision).toMatchObject({ changed: true, formattingOnly: true });
  });

  it('lists objective changes with their fields, and new and deleted objectives', () => {
    const doc = planDoc();
    const after = fork(doc);
    const [first] = snapshotPlan(after).objectives;
    updateObjective(after, first.id, { title: 'Raise on-time in-full', measure: { ...first.measure, target: 97 } });
    const added = addObjective(after, {
      title: 'Cut stock-outs',
      description: '',
      catalogId: null,
      measure: { unit: '%', baseline: 6, target: 3, direction: 'decrease' },
      dueDate: null,
    });
    let diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(diff.objectives.added.map((o) => o.id)).toEqual([added]);
    expect(diff.objectives.modified).toHaveLength(1);
    expect(diff.objectives.modified[0].fields.map((f) => f.field)).toEqual(['title', 'measure']);
    expect(diff.objectives.modified[0].label).toBe('Raise on-time in-full');

    deleteObjective(after, first.id);
    diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(diff.objectives.removed.map((o) => o.id)).toEqual([first.id]);
  });

  it('lists project and activity changes', () => {
    const doc = planDoc();
    const after = fork(doc);
    const [app] = snapshotPlan(after).projects;
    updateProject(after, app.id, { status: 'on_hold' });
    updateActivity(after, app.id, app.activities[0].id, { done: true });
    addActivity(after, app.id, { title: 'Review', done: false, assignee: null, dueDate: '2026-01-31' });
    const other = addProject(after, { name: 'Pilot', createdBy: 'u_ben' });
    const diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(diff.projects.added.map((p) => p.id)).toEqual([other]);
    const change = diff.projects.modified[0];
    expect(change.fields.map((f) => f.field)).toEqual(['status', 'activities']);
    expect(change.activities.modified[0].fields).toEqual([{ field: 'done', before: false, after: true }]);
    expect(change.activities.added.map((a) => a.title)).toEqual(['Review']);
  });

  it('keeps progress out of the agreed sections', () => {
    const doc = planDoc();
    const after = fork(doc);
    const [o] = snapshotPlan(after).objectives;
    addProgress(after, o.id, { value: 88, at: '2025-05-01T10:00:00.000Z', by: 'u_ben' });
    const diff = planDiff(snapshotPlan(doc), snapshotPlan(after));
    expect(changedSections(diff)).toEqual(['progress']);
    expect(changedSections(diff, AGREED_SECTIONS)).toEqual([]);
    expect(diff.progress.objectives[0]).toMatchObject({ objectiveId: o.id, objectiveTitle: 'Raise OTIF', removed: [] });
    expect(diff.progress.objectives[0].added).toHaveLength(1);
  });

  it('notices a title change', () => {
    const doc = planDoc();
    const after = fork(doc);
    after.getMap('meta').set('title', 'Renamed');
    expect(planDiff(snapshotPlan(doc), snapshotPlan(after)).title).toEqual({
      changed: true,
      before: 'Acme × Globex',
      after: 'Renamed',
    });
  });
});
