import { describe, expect, it } from 'vitest';
import { objectiveStatus } from './status.ts';

const measure = { unit: '%', baseline: 0, target: 100, direction: 'increase' as const };
const at = (iso: string, value: number) => ({ value, at: iso, by: 'u' });

describe('objectiveStatus', () => {
  it('has no status without entries', () => {
    expect(objectiveStatus({ measure, dueDate: '2030-01-01' }, [], new Date('2026-01-01')).status).toBe('no_data');
  });
  it('is achieved at or past the target', () => {
    expect(objectiveStatus({ measure, dueDate: null }, [at('2026-01-01T00:00:00Z', 100)], new Date('2026-02-01')).status).toBe('achieved');
  });
  it('compares the share of the way with the share of time elapsed', () => {
    const start = at('2026-01-01T00:00:00Z', 0);
    const due = '2026-12-31';
    const mid = new Date('2026-07-02T00:00:00Z'); // about half the time
    expect(objectiveStatus({ measure, dueDate: due }, [start, at('2026-07-01T00:00:00Z', 45)], mid).status).toBe('on_track');
    expect(objectiveStatus({ measure, dueDate: due }, [start, at('2026-07-01T00:00:00Z', 30)], mid).status).toBe('at_risk');
    expect(objectiveStatus({ measure, dueDate: due }, [start, at('2026-07-01T00:00:00Z', 10)], mid).status).toBe('off_track');
  });
  it('is off track after the due date when the target is not reached', () => {
    expect(objectiveStatus({ measure, dueDate: '2026-01-31' }, [at('2026-01-01T00:00:00Z', 90)], new Date('2026-03-01')).status).toBe('off_track');
  });
  it('without a due date, judges the direction of travel', () => {
    expect(objectiveStatus({ measure: { ...measure, baseline: 50 }, dueDate: null }, [at('2026-01-01T00:00:00Z', 40)], new Date()).status).toBe('off_track');
    expect(objectiveStatus({ measure: { ...measure, baseline: 50 }, dueDate: null }, [at('2026-01-01T00:00:00Z', 50)], new Date()).status).toBe('at_risk');
    expect(objectiveStatus({ measure: { ...measure, baseline: 50 }, dueDate: null }, [at('2026-01-01T00:00:00Z', 60)], new Date()).status).toBe('on_track');
  });
});
