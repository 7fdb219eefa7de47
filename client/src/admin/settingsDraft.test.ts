import { describe, expect, it } from 'vitest';
import { draftFromSettings, emptyCatalogObjective, validateSettings } from './settingsDraft.ts';

const settings = {
  enabled: false,
  objectives: [
    {
      id: 'cat_a',
      title: 'Fill rate',
      description: 'd',
      measure: { unit: '%', baseline: 90, target: 98, direction: 'increase' as const },
    },
  ],
  principles: ['One version of the numbers.'],
  behaviours: [],
};

describe('settings draft', () => {
  it('round-trips stored settings, keeping catalog ids', () => {
    const r = validateSettings(draftFromSettings(settings));
    expect(r).toEqual({ ok: true, value: settings });
  });
  it('drops blank library lines and sends new objectives without an id', () => {
    const d = draftFromSettings(settings);
    d.principles.push('   ');
    d.objectives.push({ ...emptyCatalogObjective(), title: 'New', baseline: '1', target: '2' });
    const r = validateSettings(d);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.principles).toEqual(['One version of the numbers.']);
      expect(r.value.objectives[1]).toEqual({
        title: 'New',
        description: '',
        measure: { unit: '%', baseline: 1, target: 2, direction: 'increase' },
      });
    }
  });
  it('names each invalid field by its row', () => {
    const d = draftFromSettings(settings);
    const blank = emptyCatalogObjective();
    d.objectives.push(blank);
    const r = validateSettings(d);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors.objectives)).toEqual([blank.key]);
      expect(r.errors.objectives[blank.key]).toMatchObject({
        title: expect.any(String),
        baseline: expect.any(String),
        target: expect.any(String),
      });
      expect(r.count).toBe(3);
    }
  });
});
