/**
 * An objective's status (on track / at risk / off track) from its progress entries, as one pure
 * function the client renders and the tests pin down. No clock, no document: `now` is an argument.
 *
 * The rule, in words:
 * 1. No entries: `no_data` ("No progress yet"). Nothing is judged before the first measurement.
 * 2. The latest entry (by its "as of" date, else `at`) is the current value. Its `fraction` is how far it has come from
 *    baseline towards target, clamped to 0..1; `direction` decides what "reached" means
 *    (increase: value >= target, decrease: value <= target). Reached: `achieved`, whatever the date.
 * 3. With a due date, the clock runs from the plan's start to the end of the due day (UTC). The
 *    start is `options.start` when given, else the first entry's date. The `expected` fraction is
 *    the share of that time elapsed at `now`. The gap `expected - fraction` decides:
 *    gap <= ON_TRACK_SLACK: `on_track`; gap <= AT_RISK_SLACK: `at_risk`; more: `off_track`.
 *    Past the due date without reaching the target: `off_track`.
 * 4. Without a due date only the direction of travel counts: moved towards the target: `on_track`;
 *    still at baseline: `at_risk`; moved away from it: `off_track`.
 *
 * What must stay true: the result depends only on the arguments; entries may arrive in any order;
 * malformed times are ignored rather than trusted.
 */
import type { Measure, ProgressEntry } from './schema.ts';

export type ProgressStatus = 'no_data' | 'on_track' | 'at_risk' | 'off_track' | 'achieved';

/** Behind the expected share of the way by at most this: still on track. */
export const ON_TRACK_SLACK = 0.1;
/** Behind by more than ON_TRACK_SLACK but at most this: at risk. Further behind: off track. */
export const AT_RISK_SLACK = 0.25;

export const PROGRESS_STATUS_LABEL: Readonly<Record<ProgressStatus, string>> = Object.freeze({
  no_data: 'No progress yet',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Target reached',
});

export interface ProgressInput {
  measure: Measure;
  /** ISO date (YYYY-MM-DD) or time, or null. */
  dueDate: string | null;
}

export interface ProgressOptions {
  /** When the clock starts (ISO date or time); defaults to the first entry's time. */
  start?: string | null;
}

export interface ProgressResult {
  status: ProgressStatus;
  /** Share of the way from baseline to target of the latest value, 0..1; null without entries. */
  fraction: number | null;
  /** Share of the time between start and due date elapsed at `now`, 0..1; null without a due date or entries. */
  expected: number | null;
  latest: ProgressEntry | null;
  /** The status in a sentence that says why, e.g. "On track: 62% of the way with 55% of the time gone". */
  explanation: string;
}

/** The day an entry's value was true of: its "as of" date, else (v1 entries) the day it was recorded. */
export function entryDay(e: ProgressEntry): string {
  if (typeof e?.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.asOf)) return e.asOf;
  return typeof e?.at === 'string' ? e.at.slice(0, 10) : '';
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Why the status is what it is, in one sentence starting with the status label. */
export function explainStatus(r: Omit<ProgressResult, 'explanation'>, now: Date, due: number): string {
  const label = PROGRESS_STATUS_LABEL[r.status];
  if (r.status === 'no_data' || r.fraction === null) return `${label}: nothing recorded yet`;
  if (r.status === 'achieved') return `${label}: the latest value meets the target`;
  if (r.expected === null) {
    if (r.status === 'on_track') return `${label}: ${pct(r.fraction)} of the way, no due date set`;
    if (r.status === 'at_risk') return `${label}: no movement from the baseline yet, no due date set`;
    return `${label}: moved away from the target, no due date set`;
  }
  if (now.getTime() > due) return `${label}: the due date has passed at ${pct(r.fraction)} of the way`;
  return `${label}: ${pct(r.fraction)} of the way with ${pct(r.expected)} of the time gone`;
}

/** ISO date or time → ms; a bare date is read as UTC; `endOfDay` moves a bare date to 23:59:59.999. */
export function parseWhen(iso: string | null | undefined, endOfDay = false): number {
  if (!iso) return NaN;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return Date.parse(`${iso}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`);
  return Date.parse(iso);
}

/** Entries with a readable time, oldest first (ties keep their order). */
export function entriesInTimeOrder(entries: readonly ProgressEntry[]): ProgressEntry[] {
  // By the day the value was true of, then by when it was recorded (two readings of one day).
  return entries
    .map((e, i) => ({ e, i, d: parseWhen(e ? entryDay(e) : ''), t: parseWhen(e?.at) }))
    .filter(
      (x) =>
        x.e && typeof x.e.value === 'number' && Number.isFinite(x.e.value) && !Number.isNaN(x.t) && !Number.isNaN(x.d),
    )
    .sort((a, b) => a.d - b.d || a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

export function hasReachedTarget(measure: Measure, value: number): boolean {
  return measure.direction === 'decrease' ? value <= measure.target : value >= measure.target;
}

/** How far `value` has come from baseline towards target, clamped to 0..1. */
export function progressFraction(measure: Measure, value: number): number {
  if (hasReachedTarget(measure, value)) return 1;
  const span = measure.target - measure.baseline;
  if (span === 0) return 0;
  return Math.min(1, Math.max(0, (value - measure.baseline) / span));
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function progressStatus(
  objective: ProgressInput,
  entries: readonly ProgressEntry[],
  now: Date,
  options: ProgressOptions = {},
): ProgressResult {
  const sorted = entriesInTimeOrder(entries);
  const latest = sorted[sorted.length - 1] ?? null;
  if (!latest)
    return { status: 'no_data', fraction: null, expected: null, latest: null, explanation: explainNothing() };

  const { measure } = objective;
  const fraction = progressFraction(measure, latest.value);
  const due = parseWhen(objective.dueDate, true);
  const start = Number.isNaN(parseWhen(options.start)) ? parseWhen(entryDay(sorted[0])) : parseWhen(options.start);
  const expected = Number.isNaN(due) ? null : due <= start ? 1 : clamp01((now.getTime() - start) / (due - start));
  const result = (status: ProgressStatus): ProgressResult => {
    const r = { status, fraction, expected, latest };
    return { ...r, explanation: explainStatus(r, now, due) };
  };

  if (hasReachedTarget(measure, latest.value)) return result('achieved');
  if (expected === null) {
    if (fraction > 0) return result('on_track');
    const worse = measure.direction === 'decrease' ? latest.value > measure.baseline : latest.value < measure.baseline;
    return result(worse ? 'off_track' : 'at_risk');
  }
  if (now.getTime() > due) return result('off_track');
  const gap = expected - fraction;
  if (gap <= ON_TRACK_SLACK) return result('on_track');
  if (gap <= AT_RISK_SLACK) return result('at_risk');
  return result('off_track');
}

function explainNothing(): string {
  return `${PROGRESS_STATUS_LABEL.no_data}: nothing recorded yet`;
}
