import { describe, expect, it } from 'vitest';
import type { AccountPlanSettings } from '../../../shared/apiTypes.ts';
import { mergeSettings } from './settingsMerge.ts';

const measure = { unit: '%', baseline: 80, target: 95, direction: 'increase' as const };
const base: AccountPlanSettings = {
  enabled: false,
  objectives: [
    { id: 'a', title: 'OTIF', description: 'd', measure },
    { id: 'b', title: 'Fill rate', description: '', measure },
  ],
  principles: ['Be open', 'Share early'],
  behaviours: ['Meet monthly'],
};
const clone = (): AccountPlanSettings => structuredClone(base);

describe('mergeSettings', () => {
  it('takes what only one side changed from that side, without conflicts', () => {
    const mine = clone();
    mine.objectives[0].measure = { ...measure, target: 97 };
    mine.principles.push('Mine');
    const theirs = clone();
    theirs.enabled = true;
    theirs.objectives[0].title = 'On-time, in-full';
    theirs.behaviours.push('Theirs');
    const { merged, conflicts } = mergeSettings(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.enabled).toBe(true);
    expect(merged.objectives[0]).toEqual({
      id: 'a',
      title: 'On-time, in-full',
      description: 'd',
      measure: { ...measure, target: 97 },
    });
    expect(merged.principles).toEqual(['Be open', 'Share early', 'Mine']);
    expect(merged.behaviours).toEqual(['Meet monthly', 'Theirs']);
  });

  it('keeps mine where both changed a field differently, and names it', () => {
    const mine = clone();
    mine.objectives[1].title = 'Fill rate (mine)';
    const theirs = clone();
    theirs.objectives[1].title = 'Fill rate (theirs)';
    const { merged, conflicts } = mergeSettings(base, mine, theirs);
    expect(merged.objectives[1].title).toBe('Fill rate (mine)');
    expect(conflicts).toEqual(['Catalog objective “Fill rate (mine)”: title']);
  });

  it('keeps additions from both sides and removals from either', () => {
    const mine = clone();
    mine.objectives = [
      base.objectives[0],
      { title: 'New mine', description: '', measure } as AccountPlanSettings['objectives'][number],
    ];
    mine.principles = ['Share early'];
    const theirs = clone();
    theirs.objectives.push({ id: 'c', title: 'New theirs', description: '', measure });
    theirs.principles = ['Be open', 'Share early', 'Theirs'];
    const { merged, conflicts } = mergeSettings(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.objectives.map((o) => o.title)).toEqual(['OTIF', 'New theirs', 'New mine']);
    expect(merged.principles).toEqual(['Share early', 'Theirs']);
  });

  it('a removal on one side and a change on the other keeps the changed objective, and says so', () => {
    const mine = clone();
    mine.objectives = [base.objectives[1]];
    const theirs = clone();
    theirs.objectives[0].description = 'changed';
    const r1 = mergeSettings(base, mine, theirs);
    expect(r1.merged.objectives.map((o) => o.id)).toEqual(['a', 'b']);
    expect(r1.conflicts).toHaveLength(1);

    const r2 = mergeSettings(base, theirs, mine);
    expect(r2.merged.objectives.map((o) => o.id)).toEqual(['b', 'a']);
    expect(r2.merged.objectives[1].description).toBe('changed');
    expect(r2.conflicts).toHaveLength(1);
  });
});
