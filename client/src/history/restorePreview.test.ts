import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDiff } from '../../../shared/planDiff.ts';
import { snapshotPlan } from '../../../shared/planSnapshot.ts';
import {
  addActivity,
  addProgress,
  addProject,
  buildInitialPlan,
  getVision,
  readObjectives,
  readProjects,
  updateObjective,
} from '../../../shared/schema.ts';
import { restoreEffects } from './restorePreview.ts';

function plan(): Y.Doc {
  const doc = new Y.Doc();
  buildInitialPlan(doc, {
    title: 'Plan',
    vision: ['Keep shelves stocked.'],
    objectives: [
      {
        title: 'OTIF',
        description: '',
        catalogId: null,
        measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
        dueDate: null,
      },
    ],
    principles: ['Be open.'],
    behaviours: ['Meet monthly.'],
    accountPlanProject: {
      name: 'Joint work',
      description: '',
      createdBy: 'u_ada',
      activities: [{ title: 'Kick-off', done: false, assignee: null, dueDate: null }],
    },
  });
  return doc;
}

describe('restoreEffects', () => {
  it('lists, per changed section, the work done since that a restore removes and what it brings back', () => {
    const doc = plan();
    const version = snapshotPlan(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Ben adds weekly stand-ups.')]);
    getVision(doc).push([p]);
    const [obj] = readObjectives(doc);
    updateObjective(doc, obj.id, { title: 'On-time, in-full' });
    addProgress(doc, obj.id, { value: 90, at: '2026-01-01T00:00:00.000Z', by: 'u_ben' });
    addProject(doc, {
      name: 'Forecast pilot',
      createdBy: 'u_ben',
      activities: [{ title: 'Share data', done: false, assignee: null, dueDate: null }],
    });
    addActivity(doc, readProjects(doc)[0].id, { title: 'Review', done: false, assignee: null, dueDate: null });

    const effects = restoreEffects(planDiff(version, snapshotPlan(doc)));
    expect(effects.map((e) => e.section)).toEqual(['vision', 'objectives', 'projects']);
    const [vision, objectives, projects] = effects;
    expect(vision.label).toBe('Vision');
    expect(vision.removes.join(' ')).toContain('Ben adds weekly stand-ups.');
    expect(objectives).toMatchObject({ removes: [], changes: ['Objective “OTIF”: title back as in the version'] });
    expect(projects.removes).toEqual([
      'Project “Forecast pilot” and its 1 activity',
      'Activity “Review” of “Joint work”',
    ]);
  });

  it('says what comes back, and an objective made since goes with its progress', () => {
    const doc = plan();
    const before = snapshotPlan(doc);
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(doc));
    const added = readObjectives(later)[0];
    addProgress(later, added.id, { value: 85, at: '2026-01-01T00:00:00.000Z', by: 'u_ben' });
    // A version without the objective, a plan with it: the restore removes it and its entry.
    const noObjective = { ...before, objectives: [], progress: {} };
    const [objectives] = restoreEffects(planDiff(noObjective, snapshotPlan(later))).filter(
      (e) => e.section === 'objectives',
    );
    expect(objectives.removes).toEqual(['Objective “OTIF” and its 1 progress entry']);
    // The other way round, it comes back.
    const [back] = restoreEffects(planDiff(snapshotPlan(later), noObjective)).filter((e) => e.section === 'objectives');
    expect(back.changes).toEqual(['Brings back objective “OTIF”']);
  });

  it('is empty when the plan reads like the version', () => {
    const doc = plan();
    expect(restoreEffects(planDiff(snapshotPlan(doc), snapshotPlan(doc)))).toEqual([]);
  });
});
