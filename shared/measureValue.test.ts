import { describe, expect, it } from 'vitest';
import { formatValue, parseMeasureValue } from './measureValue.ts';

const ok = (value: number) => ({ ok: true, value });
const bad = (pattern: RegExp) => ({ ok: false, error: expect.stringMatching(pattern) });

describe('parseMeasureValue', () => {
  it('reads values typed in the unit, or as a plain number', () => {
    expect(parseMeasureValue('86%', '%')).toEqual(ok(86));
    expect(parseMeasureValue(' 86 % ', '%')).toEqual(ok(86));
    expect(parseMeasureValue('86 percent', '%')).toEqual(ok(86));
    expect(parseMeasureValue('86', '%')).toEqual(ok(86));
    expect(parseMeasureValue('12 days', 'days')).toEqual(ok(12));
    expect(parseMeasureValue('1 day', 'days')).toEqual(ok(1));
    expect(parseMeasureValue('6.5% of SKUs', '% of SKUs')).toEqual(ok(6.5));
    expect(parseMeasureValue('1,250 SKUs', 'SKUs')).toEqual(ok(1250));
    expect(parseMeasureValue('-3.5', 'points')).toEqual(ok(-3.5));
  });

  it('reads currencies with a magnitude', () => {
    expect(parseMeasureValue('€1.2m', '€')).toEqual(ok(1_200_000));
    expect(parseMeasureValue('€ 40k', '€')).toEqual(ok(40_000));
    expect(parseMeasureValue('2bn', '€')).toEqual(ok(2e9));
    expect(parseMeasureValue('EUR 1.5m', 'EUR')).toEqual(ok(1_500_000));
    expect(parseMeasureValue('1.5m EUR', 'EUR')).toEqual(ok(1_500_000));
    expect(parseMeasureValue('-€2k', '€')).toEqual(ok(-2000));
  });

  it('refuses with a clear error: empty, not a number, another unit, a magnitude outside currencies', () => {
    expect(parseMeasureValue('', '%')).toEqual(bad(/Enter a value, for example “86%”/));
    expect(parseMeasureValue('lots', '%')).toEqual(bad(/not a number.*“86%”/));
    expect(parseMeasureValue('12 weeks', 'days')).toEqual(bad(/“weeks” is not this objective's unit \(days\)/));
    expect(parseMeasureValue('$1.2m', '€')).toEqual(bad(/“\$” is not this objective's unit \(€\)/));
    expect(parseMeasureValue('12m', 'days')).toEqual(bad(/“m” is not this objective's unit/));
    expect(parseMeasureValue('86%', '')).toEqual(bad(/no unit/));
    expect(parseMeasureValue('€1m EUR', '€')).toEqual(bad(/unit once/));
    expect(parseMeasureValue('1.2.3', '%')).toEqual(bad(/not this objective's unit|not a number/));
  });

  it('writes back what it reads', () => {
    for (const [value, unit] of [
      [86, '%'],
      [12, 'days'],
      [1_200_000, '€'],
      [-2000, '€'],
      [6.5, '% of SKUs'],
    ] as const) {
      expect(parseMeasureValue(formatValue(value, unit), unit)).toEqual(ok(value));
    }
  });
});
