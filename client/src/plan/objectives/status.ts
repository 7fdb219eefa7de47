/**
 * An objective's status from its progress against target and the time elapsed (DESIGN: status
 * chip). Pure and unit-tested; the thresholds are the one place to tune.
 *
 * The clock starts at the first progress entry (the plan does not record when an objective was
 * set), and the expected share of the way is the share of time elapsed until the due date.
 */
import type { Objective, ProgressEntry } from '../../../../shared/schema.ts';
import { progressFraction, sortedEntries } from './measure.ts';

export type ObjectiveStatus = 'no_data' | 'on_track' | 'at_risk' | 'off_track' | 'achieved';

/** Behind expectation by at most this share of the way: still on track. */
export const ON_TRACK_SLACK = 0.1;
/** Behind by more than ON_TRACK_SLACK but at most this: at risk; more: off track. */
export const AT_RISK_SLACK = 0.25;

export interface StatusResult {
  status: ObjectiveStatus;
  /** Share of the way from baseline to target, 0..1, or null without entries. */
  fraction: number | null;
  latest: ProgressEntry | null;
}

export function objectiveStatus(o: Pick<Objective, 'measure' | 'dueDate'>, entries: readonly ProgressEntry[], now: Date): StatusResult {
  const sorted = sortedEntries(entries);
  const latest = sorted[sorted.length - 1] ?? null;
  if (!latest) return { status: 'no_data', fraction: null, latest: null };
  const fraction = progressFraction(o.measure, latest.value);
  if (fraction >= 1) return { status: 'achieved', fraction, latest };

  const due = o.dueDate ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(o.dueDate) ? `${o.dueDate}T23:59:59Z` : o.dueDate) : NaN;
  if (Number.isNaN(due)) {
    // No deadline: judge the direction of travel only.
    if (fraction > 0) return { status: 'on_track', fraction, latest };
    const worse = o.measure.direction === 'increase' ? latest.value < o.measure.baseline : latest.value > o.measure.baseline;
    return { status: worse ? 'off_track' : 'at_risk', fraction, latest };
  }
  if (now.getTime() > due) return { status: 'off_track', fraction, latest };
  const start = Date.parse(sorted[0].at);
  const expected = due <= start ? 1 : Math.min(1, Math.max(0, (now.getTime() - start) / (due - start)));
  const gap = expected - fraction;
  if (gap <= ON_TRACK_SLACK) return { status: 'on_track', fraction, latest };
  if (gap <= AT_RISK_SLACK) return { status: 'at_risk', fraction, latest };
  return { status: 'off_track', fraction, latest };
}

export const STATUS_LABEL: Record<ObjectiveStatus, string> = {
  no_data: 'No progress yet',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Target reached',
};
