import { describe, expect, it } from 'vitest';
import type { Objective, Project } from '../../../../shared/schema.ts';
import { buildAlignment } from './alignment.ts';

const obj = (id: string): Objective => ({
  id,
  title: id,
  description: '',
  catalogId: null,
  measure: { unit: '%', baseline: 0, target: 100, direction: 'increase' },
  dueDate: null,
  order: 0,
});
const prj = (id: string, objectiveIds: string[], done: boolean[] = []): Project => ({
  id,
  name: id,
  description: '',
  createdBy: 'u',
  owner: 'u',
  status: 'active',
  isAccountPlanProject: false,
  objectiveIds,
  activities: done.map((d, i) => ({ id: `${id}-${i}`, title: 't', done: d, assignee: null, dueDate: null })),
});

describe('buildAlignment', () => {
  it('links, flags gaps both ways and rolls up the linked work', () => {
    const a = buildAlignment(
      [obj('o1'), obj('o2')],
      [prj('p1', ['o1'], [true, false]), prj('p2', ['o1', 'gone'], [true]), prj('p3', [])],
      (id) => (id === 'o1' ? [{ value: 40, at: '2026-01-01T00:00:00Z', by: 'u' }] : []),
      new Date('2026-02-01'),
    );
    expect(a.linked('o1', 'p1')).toBe(true);
    expect(a.linked('o2', 'p1')).toBe(false);
    expect(a.rows.map((r) => [r.objective.id, r.gap, r.projectIds])).toEqual([
      ['o1', false, ['p1', 'p2']],
      ['o2', true, []],
    ]);
    expect(a.rows[0]).toMatchObject({ activitiesDone: 2, activitiesTotal: 3 });
    expect(a.rows[0].progress.fraction).toBe(0.4);
    // A link to a deleted objective does not count.
    expect(a.columns.map((c) => [c.project.id, c.objectiveCount, c.gap])).toEqual([
      ['p1', 1, false],
      ['p2', 1, false],
      ['p3', 0, true],
    ]);
    expect([a.objectiveGaps, a.projectGaps]).toEqual([1, 1]);
  });
});
