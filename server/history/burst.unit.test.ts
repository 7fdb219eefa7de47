import { describe, expect, it } from 'vitest';
import { CLEAN, decideAutoCapture, noteChange, noteVersion, type BurstState, type CaptureTimings } from './burst.ts';
import { BurstTracker, type Clock } from './BurstTracker.ts';

const T: CaptureTimings = { settleMs: 30, minIntervalMs: 300, maxBurstMs: 1000 };

describe('decideAutoCapture', () => {
  it('does nothing for a document without unversioned changes', () => {
    expect(decideAutoCapture(CLEAN, 5, T)).toEqual({ capture: false, checkAt: null });
  });

  it('captures once the burst settled, and asks again at the settle time before that', () => {
    let s: BurstState = noteChange(CLEAN, 100);
    s = noteChange(s, 110);
    expect(decideAutoCapture(s, 120, T)).toEqual({ capture: false, checkAt: 140 });
    expect(decideAutoCapture(s, 140, T)).toEqual({ capture: true });
  });

  it('keeps at least minIntervalMs between automatic versions', () => {
    let s = noteVersion(noteChange(CLEAN, 0), 50, 'auto');
    s = noteChange(s, 60);
    expect(decideAutoCapture(s, 100, T)).toEqual({ capture: false, checkAt: 350 });
    expect(decideAutoCapture(s, 350, T)).toEqual({ capture: true });
  });

  it('named and restore versions clear the burst without delaying the next automatic one', () => {
    let s = noteVersion(noteChange(CLEAN, 0), 40, 'named');
    expect(decideAutoCapture(s, 1000, T)).toEqual({ capture: false, checkAt: null });
    s = noteChange(s, 50);
    expect(decideAutoCapture(s, 80, T)).toEqual({ capture: true });
  });

  it('captures a burst that never settles after maxBurstMs', () => {
    let s: BurstState = CLEAN;
    for (let t = 0; t <= 1000; t += 10) s = noteChange(s, t);
    expect(decideAutoCapture(s, 1000, T)).toEqual({ capture: true });
    expect(decideAutoCapture(s, 990, T)).toEqual({ capture: false, checkAt: 1000 });
  });
});

/** A clock whose timers run only when the test advances time. */
function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (to: number) => {
    for (;;) {
      const due = timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = to;
  };
  return { clock, advance, pending: () => timers.length };
}

describe('BurstTracker', () => {
  it('fires once per settled burst and reports who edited', () => {
    const { clock, advance, pending } = fakeClock();
    const due: Array<[string, number]> = [];
    const tracker = new BurstTracker(T, clock, (docId) => due.push([docId, clock.now()]));
    tracker.noteChange('d', { id: 'u_ben', name: 'Ben' });
    advance(20);
    tracker.noteChange('d', { id: 'u_dan', name: 'Dan' });
    tracker.noteChange('d', null);
    advance(49);
    expect(due).toEqual([]);
    advance(50);
    expect(due).toEqual([['d', 50]]);
    expect(tracker.take('d', 'auto').map((p) => p.id)).toEqual(['u_ben', 'u_dan']);
    expect(tracker.isDirty('d')).toBe(false);
    expect(pending()).toBe(0);

    // The next burst waits for the minimum interval after the previous automatic version.
    tracker.noteChange('d', { id: 'u_ben', name: 'Ben' });
    advance(100);
    expect(due).toHaveLength(1);
    advance(350);
    expect(due).toEqual([
      ['d', 50],
      ['d', 350],
    ]);
  });

  it('a version taken meanwhile cancels the pending capture', () => {
    const { clock, advance } = fakeClock();
    const due: string[] = [];
    const tracker = new BurstTracker(T, clock, (docId) => due.push(docId));
    tracker.noteChange('d', { id: 'u_ada', name: 'Ada' });
    advance(10);
    expect(tracker.take('d', 'named').map((p) => p.name)).toEqual(['Ada']);
    advance(1000);
    expect(due).toEqual([]);
  });

  it('stops after close', () => {
    const { clock, advance, pending } = fakeClock();
    const due: string[] = [];
    const tracker = new BurstTracker(T, clock, (docId) => due.push(docId));
    tracker.noteChange('d', null);
    tracker.close();
    expect(pending()).toBe(0);
    tracker.noteChange('d', null);
    advance(5000);
    expect(due).toEqual([]);
  });
});
