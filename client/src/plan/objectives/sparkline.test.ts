import { describe, expect, it } from 'vitest';
import { sparklineGeometry } from './sparkline.ts';

describe('sparklineGeometry', () => {
  it('needs two finite values', () => {
    expect(sparklineGeometry([], 100, 40)).toBeNull();
    expect(sparklineGeometry([5], 100, 40)).toBeNull();
    expect(sparklineGeometry([5, Number.NaN], 100, 40)).toBeNull();
  });

  it('spans the box: the lowest value at the bottom, the highest at the top', () => {
    const g = sparklineGeometry([82, 95, 88], 100, 40, 2)!;
    expect(g.line).toBe('M2 38 L50 2 L98 21.38');
    expect(g.area).toBe('M2 38 L50 2 L98 21.38 L98 40 L2 40 Z');
    expect(g.last).toEqual({ x: 98, y: 21.38 });
  });

  it('draws equal values as a flat line across the middle', () => {
    expect(sparklineGeometry([3, 3, 3], 100, 40)!.line).toBe('M2 20 L50 20 L98 20');
  });
});
