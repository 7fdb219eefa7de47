import { describe, expect, it } from 'vitest';
import { formatDate, formatMeasureValue, measureSentence, progressFraction } from './measure.ts';

describe('measureSentence', () => {
  it('reads an increase with a due date as a sentence', () => {
    expect(
      measureSentence({
        title: 'On-time delivery',
        measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
        dueDate: '2027-06-30',
      }),
    ).toBe('Raise on-time delivery from 82% to 95% by 30 Jun 2027');
  });
  it('uses "Reduce" for decreases and keeps acronyms and leading verbs', () => {
    expect(
      measureSentence({
        title: 'OTIF misses',
        measure: { unit: 'days', baseline: 12, target: 4, direction: 'decrease' },
        dueDate: null,
      }),
    ).toBe('Reduce OTIF misses from 12 days to 4 days');
    expect(
      measureSentence({
        title: 'Shorten lead time',
        measure: { unit: 'days', baseline: 12, target: 8, direction: 'decrease' },
        dueDate: null,
      }),
    ).toBe('Shorten lead time from 12 days to 8 days');
    expect(
      measureSentence({
        title: 'Grow joint revenue',
        measure: { unit: '€', baseline: 1000, target: 2500.5, direction: 'increase' },
        dueDate: null,
      }),
    ).toBe('Grow joint revenue from €1,000 to €2,500.5');
  });
});

describe('formatting', () => {
  it('formats values by unit', () => {
    expect(formatMeasureValue(3, '')).toBe('3');
    expect(formatMeasureValue(3, 'stores')).toBe('3 stores');
  });
  it('hugs percent units, including "% of …"', () => {
    expect(formatMeasureValue(6.5, '% of SKUs')).toBe('6.5% of SKUs');
  });
  it('formats ISO dates without time-zone drift, with three-letter months', () => {
    expect(formatDate('2027-01-01')).toBe('1 Jan 2027');
    expect(formatDate('2027-09-30')).toBe('30 Sep 2027');
  });
});

describe('progressFraction', () => {
  const m = { unit: '%', baseline: 80, target: 90, direction: 'increase' as const };
  it('is the share of the way, clamped', () => {
    expect(progressFraction(m, 85)).toBe(0.5);
    expect(progressFraction(m, 70)).toBe(0);
    expect(progressFraction(m, 99)).toBe(1);
  });
  it('works for decreases', () => {
    expect(progressFraction({ unit: 'd', baseline: 10, target: 4, direction: 'decrease' }, 7)).toBe(0.5);
  });
});
