import { describe, expect, it } from 'vitest';
import type { Measure } from './schema.ts';
import { AT_RISK_SLACK, ON_TRACK_SLACK, entriesInTimeOrder, progressFraction, progressStatus } from './progress.ts';

const up: Measure = { unit: '%', baseline: 0, target: 100, direction: 'increase' };
const down: Measure = { unit: 'days', baseline: 12, target: 8, direction: 'decrease' };
const e = (at: string, value: number, by = 'u_ada') => ({ value, at, by });

// A year-long objective: start 1 Jan 2026, due 31 Dec 2026; `mid` is about half-way.
const START = '2026-01-01T00:00:00.000Z';
const DUE = '2026-12-31';
const mid = new Date('2026-07-02T12:00:00Z');

describe('progressFraction', () => {
  it('is the share of the way from baseline to target, clamped', () => {
    expect(progressFraction(up, 25)).toBe(0.25);
    expect(progressFraction(up, -10)).toBe(0);
    expect(progressFraction(up, 130)).toBe(1);
  });
  it('works for decreases', () => {
    expect(progressFraction(down, 10)).toBe(0.5);
    expect(progressFraction(down, 14)).toBe(0);
    expect(progressFraction(down, 7)).toBe(1);
  });
  it('treats a hold-the-line measure (baseline = target) as reached or not', () => {
    const hold: Measure = { unit: '%', baseline: 95, target: 95, direction: 'increase' };
    expect(progressFraction(hold, 96)).toBe(1);
    expect(progressFraction(hold, 94)).toBe(0);
  });
});

describe('progressStatus', () => {
  it('has no status before the first entry', () => {
    const r = progressStatus({ measure: up, dueDate: DUE }, [], mid);
    expect(r).toEqual({
      status: 'no_data',
      fraction: null,
      expected: null,
      latest: null,
      explanation: 'No progress yet: nothing recorded yet',
    });
  });

  it('compares the share of the way with the share of time elapsed', () => {
    const at = (v: number) =>
      progressStatus({ measure: up, dueDate: DUE }, [e(START, 0), e('2026-07-01T00:00:00Z', v)], mid);
    expect(at(50).status).toBe('on_track');
    expect(at(45).status).toBe('on_track'); // 5 points behind: within ON_TRACK_SLACK
    expect(at(30).status).toBe('at_risk'); // 20 behind
    expect(at(10).status).toBe('off_track'); // 40 behind
    expect(at(30).expected).toBeCloseTo(0.5, 2);
    expect(ON_TRACK_SLACK).toBeLessThan(AT_RISK_SLACK);
  });

  it('reads the latest entry by time, whatever the order of the list', () => {
    const r = progressStatus({ measure: up, dueDate: DUE }, [e('2026-07-01T00:00:00Z', 50), e(START, 0)], mid);
    expect(r.latest?.value).toBe(50);
    expect(r.status).toBe('on_track');
  });

  it('starts the clock at the given start date instead of the first entry', () => {
    const entries = [e('2026-07-01T00:00:00Z', 20)];
    // From the first entry, hardly any time has passed: on track.
    expect(progressStatus({ measure: up, dueDate: DUE }, entries, mid).status).toBe('on_track');
    // From 1 January, half the time is gone with a fifth of the way: off track.
    expect(progressStatus({ measure: up, dueDate: DUE }, entries, mid, { start: '2026-01-01' }).status).toBe(
      'off_track',
    );
  });

  it('works for decreases', () => {
    const r = (v: number) =>
      progressStatus({ measure: down, dueDate: DUE }, [e(START, 12), e('2026-07-01T00:00:00Z', v)], mid).status;
    expect(r(10)).toBe('on_track'); // half of 12 → 8
    expect(r(10.7)).toBe('at_risk'); // about a third of the way at half time
    expect(r(12.5)).toBe('off_track'); // worse than baseline
  });

  it('is achieved once the target is reached, even late', () => {
    expect(progressStatus({ measure: up, dueDate: '2026-01-31' }, [e(START, 100)], new Date('2027-01-01')).status).toBe(
      'achieved',
    );
    expect(progressStatus({ measure: down, dueDate: DUE }, [e(START, 7.5)], mid).status).toBe('achieved');
  });

  it('is off track after the due date when the target is not reached', () => {
    expect(progressStatus({ measure: up, dueDate: '2026-01-31' }, [e(START, 90)], new Date('2026-03-01')).status).toBe(
      'off_track',
    );
  });

  it('counts the whole due day', () => {
    const r = progressStatus({ measure: up, dueDate: '2026-01-31' }, [e(START, 96)], new Date('2026-01-31T22:00:00Z'));
    expect(r.status).toBe('on_track');
  });

  it('without a due date, judges the direction of travel', () => {
    const from50 = { ...up, baseline: 50 };
    const s = (v: number) => progressStatus({ measure: from50, dueDate: null }, [e(START, v)], mid);
    expect(s(60).status).toBe('on_track');
    expect(s(50).status).toBe('at_risk');
    expect(s(40).status).toBe('off_track');
    expect(s(60).expected).toBeNull();
  });

  it('ignores entries with unreadable times or values', () => {
    const bad = [
      { value: 99, at: 'not a date', by: 'x' },
      { value: Number.NaN, at: START, by: 'x' },
    ];
    expect(entriesInTimeOrder(bad)).toEqual([]);
    expect(progressStatus({ measure: up, dueDate: DUE }, bad, mid).status).toBe('no_data');
  });
});
