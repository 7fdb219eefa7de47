import { describe, expect, it } from 'vitest';
import type { Measure, ProgressEntry } from './schema.ts';
import { entriesInTimeOrder, entryDay, progressStatus } from './progress.ts';

const up: Measure = { unit: '%', baseline: 0, target: 100, direction: 'increase' };
const entry = (value: number, at: string, asOf?: string): ProgressEntry => ({
  value,
  at,
  by: 'u_ben',
  ...(asOf ? { asOf } : {}),
});

describe('dated entries', () => {
  it('order by their "as of" date, not by when they were typed; v1 entries by the day they were recorded', () => {
    const typedToday = '2026-12-02T10:00:00.000Z';
    const today = entry(70, '2026-12-02T10:05:00.000Z', '2026-12-02');
    const lastMonth = entry(86, typedToday, '2026-11-02');
    const v1 = entry(50, '2026-10-15T08:00:00.000Z');
    expect(entriesInTimeOrder([today, lastMonth, v1]).map((e) => e.value)).toEqual([50, 86, 70]);
    expect(entryDay(v1)).toBe('2026-10-15');
    expect(entryDay(lastMonth)).toBe('2026-11-02');
  });

  it('the latest reading is the one with the latest date, whatever was typed last', () => {
    const r = progressStatus(
      { measure: up, dueDate: null },
      [entry(40, '2026-12-02T10:00:00Z', '2026-12-01'), entry(10, '2026-12-02T11:00:00Z', '2026-06-01')],
      new Date('2026-12-02T12:00:00Z'),
    );
    expect(r.latest?.value).toBe(40);
  });
});

describe('the status explains itself', () => {
  const now = new Date('2026-07-02T12:00:00Z');
  const due = '2026-12-31';
  const start = '2026-01-01';

  it('with a due date: how far along, against how much of the time has gone', () => {
    const r = progressStatus({ measure: up, dueDate: due }, [entry(62, '2026-07-01T00:00:00Z', '2026-07-01')], now, {
      start,
    });
    expect(r.status).toBe('on_track');
    expect(r.explanation).toBe('On track: 62% of the way with 50% of the time gone');
    const behind = progressStatus({ measure: up, dueDate: due }, [entry(20, '2026-07-01T00:00:00Z')], now, { start });
    expect(behind.explanation).toBe('Off track: 20% of the way with 50% of the time gone');
  });

  it('past the due date, reached, no due date, no entries', () => {
    const late = progressStatus({ measure: up, dueDate: '2026-03-01' }, [entry(20, '2026-02-01T00:00:00Z')], now);
    expect(late.explanation).toBe('Off track: the due date has passed at 20% of the way');
    const done = progressStatus({ measure: up, dueDate: due }, [entry(100, '2026-02-01T00:00:00Z')], now);
    expect(done.explanation).toBe('Target reached: the latest value meets the target');
    const open = progressStatus({ measure: up, dueDate: null }, [entry(30, '2026-02-01T00:00:00Z')], now);
    expect(open.explanation).toBe('On track: 30% of the way, no due date set');
    expect(progressStatus({ measure: up, dueDate: null }, [], now).explanation).toBe(
      'No progress yet: nothing recorded yet',
    );
  });
});
