/**
 * When an automatic version is due: the pure rule behind "capture when an editing burst
 * settles, at most one automatic version per few minutes of activity". Times are plain numbers
 * (ms) so the rule is tested with a made-up clock.
 *
 * The rule: a document with unversioned changes gets an automatic version once
 *   (a) nobody changed it for `settleMs`, or the burst has gone on for `maxBurstMs` without
 *       settling (a whole-afternoon workshop still leaves a trail), and
 *   (b) at least `minIntervalMs` passed since the previous automatic version.
 * A named or restore version covers the changes before it, so it clears the burst too.
 */

export interface CaptureTimings {
  /** Quiet time after the last change before a burst counts as settled. */
  settleMs: number;
  /** Least time between two automatic versions of one document. */
  minIntervalMs: number;
  /** A burst that never settles is captured anyway after this long. */
  maxBurstMs: number;
}

export const DEFAULT_CAPTURE_TIMINGS: Readonly<CaptureTimings> = Object.freeze({
  settleMs: 30_000,
  minIntervalMs: 5 * 60_000,
  maxBurstMs: 15 * 60_000,
});

export interface BurstState {
  /** Time of the first change not in any version yet; null when there is none. */
  dirtySince: number | null;
  /** Time of the latest change. */
  lastChangeAt: number | null;
  /** Time of the previous automatic version; null when there was none. */
  lastAutoAt: number | null;
}

export const CLEAN: Readonly<BurstState> = Object.freeze({ dirtySince: null, lastChangeAt: null, lastAutoAt: null });

export type CaptureDecision = { capture: true } | { capture: false; checkAt: number | null };

export function decideAutoCapture(state: BurstState, now: number, t: CaptureTimings): CaptureDecision {
  if (state.dirtySince === null) return { capture: false, checkAt: null };
  const lastChange = state.lastChangeAt ?? state.dirtySince;
  const settledAt = Math.min(lastChange + t.settleMs, state.dirtySince + t.maxBurstMs);
  const allowedAt = state.lastAutoAt === null ? settledAt : state.lastAutoAt + t.minIntervalMs;
  const dueAt = Math.max(settledAt, allowedAt);
  return now >= dueAt ? { capture: true } : { capture: false, checkAt: dueAt };
}

/** The state after a change at `now`. */
export function noteChange(state: BurstState, now: number): BurstState {
  return { ...state, dirtySince: state.dirtySince ?? now, lastChangeAt: now };
}

/** The state after a version of `kind` was taken at `now`: nothing is unversioned any more. */
export function noteVersion(state: BurstState, now: number, kind: 'auto' | 'named' | 'restore'): BurstState {
  return { dirtySince: null, lastChangeAt: state.lastChangeAt, lastAutoAt: kind === 'auto' ? now : state.lastAutoAt };
}
