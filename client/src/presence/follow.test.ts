import { describe, expect, it } from 'vitest';
import {
  LEAVE_GRACE_MS,
  SMOOTH_SCROLL_MS,
  destination,
  followTarget,
  followingMessage,
  planFollowMove,
  presenceCheck,
  stopOnInput,
  stoppedMessage,
  targetInView,
  type FollowTarget,
  type FollowView,
} from './follow.ts';

// A 900 px window scrolled to 1000 px, with 104 px of sticky chrome and a 64 px follow bar:
// the visible band is 104..836 (viewport px), centre 470.
const view: FollowView = { scrollY: 1000, maxScrollY: 5000, height: 900, topInset: 104, bottomInset: 64 };
const caret = (top: number): FollowTarget => ({ kind: 'caret', box: { top, bottom: top + 20 } });
const section = (top: number, height: number): FollowTarget => ({
  kind: 'section',
  box: { top, bottom: top + height },
});
const calm = { reducedMotion: false, now: 10_000, last: null };

describe('followTarget', () => {
  const box = { top: 10, bottom: 30 };
  it('prefers the caret in the section they are in, then any caret, then their section', () => {
    const inVision = { section: 'vision', box: { top: 1, bottom: 2 } };
    const inPrinciples = { section: 'principles', box: { top: 5, bottom: 6 } };
    expect(followTarget([inVision, inPrinciples], 'principles', box)).toEqual({ kind: 'caret', box: inPrinciples.box });
    expect(followTarget([inVision], 'objectives', box)).toEqual({ kind: 'caret', box: inVision.box });
    expect(followTarget([], 'objectives', box)).toEqual({ kind: 'section', box });
  });
  it('is nothing when none of theirs is on the page ("looking around")', () => {
    expect(followTarget([], null, null)).toBeNull();
  });
});

describe('targetInView', () => {
  it('keeps a caret well inside the band, not one at its edges or under the chrome or bar', () => {
    expect(targetInView(caret(400), view)).toBe(true);
    expect(targetInView(caret(120), view)).toBe(false); // just below the nav: too close to the edge
    expect(targetInView(caret(60), view)).toBe(false); // under the sticky nav
    expect(targetInView(caret(800), view)).toBe(false); // behind the follow bar
    expect(targetInView(caret(2000), view)).toBe(false);
  });
  it('counts a section in view when half of what could show of it does', () => {
    expect(targetInView(section(300, 400), view)).toBe(true);
    expect(targetInView(section(700, 400), view)).toBe(false); // 136 of 400 px showing
    expect(targetInView(section(-3000, 5000), view)).toBe(true); // a tall section filling the band
    expect(targetInView(section(-600, 500), view)).toBe(false); // scrolled past
  });
});

describe('destination', () => {
  it('centres a caret in the visible band', () => {
    // caret centre 2010 viewport px → page 3010; band centre 470 → scrollY 2540.
    expect(destination(caret(2000), view)).toBe(2540);
  });
  it('puts a section just under the chrome', () => {
    expect(destination(section(2000, 300), view)).toBe(1000 + 2000 - 104 - 16);
  });
  it('stays within the page', () => {
    expect(destination(caret(-2000), view)).toBe(0);
    expect(destination(caret(9000), view)).toBe(5000);
  });
});

describe('planFollowMove', () => {
  it('does not move while they type within view', () => {
    for (const top of [300, 320, 340, 600]) expect(planFollowMove(caret(top), view, calm)).toEqual({ scroll: false });
  });
  it('moves smoothly to a caret that left the view', () => {
    expect(planFollowMove(caret(1500), view, calm)).toEqual({ scroll: true, top: 2040, behavior: 'smooth' });
  });
  it('moves at once with reduced motion', () => {
    expect(planFollowMove(caret(1500), view, { ...calm, reducedMotion: true })).toEqual({
      scroll: true,
      top: 2040,
      behavior: 'auto',
    });
  });
  it('moves to a section they went to', () => {
    expect(planFollowMove(section(2400, 600), view, calm)).toEqual({
      scroll: true,
      top: 1000 + 2400 - 120,
      behavior: 'smooth',
    });
  });
  it('does not ask again for where a smooth scroll is already going', () => {
    const last = { top: 2040, at: 10_000 };
    // Mid-flight: the page has moved part of the way, the caret moved one line.
    const midway = { ...view, scrollY: 1500 };
    expect(planFollowMove(caret(1000 + 20), midway, { ...calm, now: 10_200, last })).toEqual({ scroll: false });
    // A destination far from the one travelling is asked for.
    expect(planFollowMove(caret(3000), midway, { ...calm, now: 10_200, last })).toMatchObject({ scroll: true });
    // Once the scroll had time to arrive, a target still out of view is asked for again.
    expect(planFollowMove(caret(1020), midway, { ...calm, now: 10_000 + SMOOTH_SCROLL_MS, last })).toMatchObject({
      scroll: true,
    });
  });
  it('does nothing without a target, or when the page cannot scroll further', () => {
    expect(planFollowMove(null, view, calm)).toEqual({ scroll: false });
    const atEnd = { ...view, scrollY: 5000 };
    expect(planFollowMove(caret(880), atEnd, calm)).toEqual({ scroll: false });
  });
});

describe('stopOnInput', () => {
  it('stops on Escape, even from the follow bar', () => {
    expect(stopOnInput({ type: 'keydown', key: 'Escape', inFollowControl: false })).toBe('escape');
    expect(stopOnInput({ type: 'keydown', key: 'Escape', inFollowControl: true })).toBe('escape');
  });
  it('stops when the follower scrolls, clicks or types', () => {
    expect(stopOnInput({ type: 'wheel', inFollowControl: false })).toBe('self');
    expect(stopOnInput({ type: 'wheel', inFollowControl: true })).toBe('self');
    expect(stopOnInput({ type: 'touchmove', inFollowControl: false })).toBe('self');
    expect(stopOnInput({ type: 'pointerdown', inFollowControl: false })).toBe('self');
    for (const key of ['a', 'Enter', 'Backspace', 'PageDown', 'ArrowDown', ' ', 'End'])
      expect(stopOnInput({ type: 'keydown', key, inFollowControl: false })).toBe('self');
  });
  it('lets the follower reach and use the follow controls', () => {
    expect(stopOnInput({ type: 'keydown', key: 'Tab', inFollowControl: false })).toBeNull();
    expect(stopOnInput({ type: 'keydown', key: 'Shift', inFollowControl: false })).toBeNull();
    expect(stopOnInput({ type: 'keydown', key: 'Enter', inFollowControl: true })).toBeNull();
    expect(stopOnInput({ type: 'pointerdown', inFollowControl: true })).toBeNull();
  });
});

describe('presenceCheck', () => {
  it('is here while present, and while we are offline (we see nobody then)', () => {
    expect(presenceCheck({ present: true, connected: true, absentSince: null, now: 0 })).toEqual({ state: 'here' });
    expect(presenceCheck({ present: false, connected: false, absentSince: 0, now: 60_000 })).toEqual({ state: 'here' });
  });
  it('waits out a short absence, then says they left', () => {
    expect(presenceCheck({ present: false, connected: true, absentSince: 1000, now: 1500 })).toEqual({
      state: 'waiting',
      inMs: LEAVE_GRACE_MS - 500,
    });
    expect(presenceCheck({ present: false, connected: true, absentSince: 1000, now: 1000 + LEAVE_GRACE_MS })).toEqual({
      state: 'left',
    });
  });
});

describe('messages', () => {
  it('names the person and the way out', () => {
    expect(followingMessage('Cara Jensen')).toBe('Following Cara Jensen. Press Escape to stop.');
    expect(stoppedMessage('left', 'Cara Jensen')).toBe('Cara Jensen left the plan. You are no longer following.');
    expect(stoppedMessage('self', 'Cara Jensen')).toBe('You moved, so you stopped following Cara Jensen.');
    expect(stoppedMessage('escape', 'Cara Jensen')).toBe('Stopped following Cara Jensen.');
    expect(stoppedMessage('button', 'Cara Jensen')).toBe('Stopped following Cara Jensen.');
  });
});
