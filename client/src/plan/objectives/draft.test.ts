import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, emptyMeasureDraft, measureDraftOf, parseNumber, validateDraft } from './draft.ts';

describe('validateDraft', () => {
  it('turns a complete draft into objective fields', () => {
    const r = validateDraft({
      ...emptyDraft(),
      title: ' On-time delivery ',
      baseline: '82',
      target: '95',
      dueDate: '2027-06-30',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'On-time delivery',
        description: '',
        measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
        dueDate: '2027-06-30',
        owner: null,
        dataSource: '',
      },
    });
  });
  it('carries the owner and the data source, trimmed', () => {
    const r = validateDraft({
      ...emptyDraft(),
      title: 'OTIF',
      baseline: '82',
      target: '95',
      owner: 'u_ben',
      dataSource: ' ERP report ',
    });
    expect(r).toMatchObject({ ok: true, value: { owner: 'u_ben', dataSource: 'ERP report' } });
    const long = validateDraft({
      ...emptyDraft(),
      title: 'x',
      baseline: '1',
      target: '2',
      dataSource: 'x'.repeat(501),
    });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(Object.keys(long.errors)).toEqual(['dataSource']);
  });
  it('names every missing or wrong field', () => {
    const r = validateDraft({ ...emptyDraft(), baseline: 'abc' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['baseline', 'target', 'title']);
  });
  it('checks the target against the direction', () => {
    const r = validateDraft({
      ...emptyDraft(),
      title: 'Lead time',
      baseline: '8',
      target: '12',
      direction: 'decrease',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.target).toMatch(/at or below the baseline/);
  });
  it('rejects impossible dates', () => {
    const r = validateDraft({ ...emptyDraft(), title: 'x', baseline: '1', target: '2', dueDate: '2027-02-30' });
    expect(r.ok).toBe(false);
  });
  it('reads the measure fields as typed strings, the same for an objective and a catalog objective', () => {
    const measure = { unit: 'days', baseline: 12, target: 8, direction: 'decrease' as const };
    const typed = { title: 'T', description: 'D', unit: 'days', baseline: '12', target: '8', direction: 'decrease' };
    expect(measureDraftOf({ title: 'T', description: 'D', measure })).toEqual(typed);
    expect(draftOf({ title: 'T', description: 'D', measure, dueDate: '2027-06-30' })).toEqual({
      ...typed,
      dueDate: '2027-06-30',
      owner: '',
      dataSource: '',
    });
    expect(emptyDraft()).toEqual({ ...emptyMeasureDraft(), dueDate: '', owner: '', dataSource: '' });
  });
  it('round-trips an objective', () => {
    const d = draftOf({
      title: 'T',
      description: 'D',
      measure: { unit: 'days', baseline: 12, target: 8, direction: 'decrease' },
      dueDate: null,
    });
    expect(validateDraft(d)).toMatchObject({
      ok: true,
      value: { measure: { baseline: 12, target: 8 }, dueDate: null },
    });
  });
});

describe('parseNumber', () => {
  it('reads decimals with a point or a comma, and refuses words', () => {
    expect(parseNumber('6.5')).toBe(6.5);
    expect(parseNumber('6,5')).toBe(6.5);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('12 days')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});
