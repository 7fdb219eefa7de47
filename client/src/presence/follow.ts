/**
 * Follow mode, as pure decisions: where the person you follow is (their caret, else their
 * section), whether your view should move to them now and to which scroll position, which of
 * your own inputs end following, whether they have left, and what you are told. The React part
 * (useFollow.ts) only measures the page, asks these functions and scrolls.
 *
 * What must stay true:
 * - a target already comfortably in view never scrolls (their typing on one line moves nothing);
 * - one move is asked for per change of target, not one per awareness message while a smooth
 *   scroll is still travelling;
 * - with reduced motion every move is instant;
 * - following never survives the follower acting: scrolling, clicking, typing, Escape.
 */

/** A box in viewport coordinates (CSS px, as getBoundingClientRect gives them). */
export interface Box {
  top: number;
  bottom: number;
}

/** The follower's window, measured at the moment of deciding. */
export interface FollowView {
  scrollY: number;
  /** The largest scrollY the page allows (scrollHeight - innerHeight). */
  maxScrollY: number;
  /** innerHeight. */
  height: number;
  /** Px at the top covered by sticky chrome (app header, section nav). */
  topInset: number;
  /** Px at the bottom covered by the follow bar. */
  bottomInset: number;
}

/** A caret of the followed person as rendered in one of the follower's editors. */
export interface CaretSpot {
  /** The section holding the editor, or null if outside any. */
  section: string | null;
  box: Box;
}

export type FollowTarget = { kind: 'caret'; box: Box } | { kind: 'section'; box: Box };

/** The last move asked for: its destination and when. */
export interface LastMove {
  top: number;
  at: number;
}

export type FollowMove = { scroll: false } | { scroll: true; top: number; behavior: 'smooth' | 'auto' };

/** How long a smooth scroll may take to arrive; a new, nearby destination within it is not asked for. */
export const SMOOTH_SCROLL_MS = 600;
/** Destinations closer than this to the one still travelling count as the same. */
const RETARGET_PX = 32;
/** A caret this close to the band's edges counts as leaving view (capped at 15% of the band). */
const CARET_MARGIN_PX = 72;
/** Room left above a section's top when scrolling to it. */
const SECTION_GAP_PX = 16;
/** A section counts as in view when this share of what could be visible of it is. */
const SECTION_VISIBLE_SHARE = 0.5;
/** A person missing from awareness this long, while we are connected, has left. */
export const LEAVE_GRACE_MS = 1500;
/** How long a "stopped following" notice stays on screen. */
export const NOTICE_MS = 5000;

/**
 * Where the followed person is: their caret in the section they are in, else any caret of theirs
 * (another tab), else the top of their section; null when nothing of theirs is on the page.
 */
export function followTarget(
  carets: readonly CaretSpot[],
  section: string | null,
  sectionBox: Box | null,
): FollowTarget | null {
  const caret = carets.find((c) => section !== null && c.section === section) ?? carets[0];
  if (caret) return { kind: 'caret', box: caret.box };
  if (sectionBox) return { kind: 'section', box: sectionBox };
  return null;
}

/** The visible band of the window: below the sticky chrome, above the follow bar. */
function band(view: FollowView): Box {
  const top = Math.max(0, view.topInset);
  const bottom = Math.max(top + 1, view.height - Math.max(0, view.bottomInset));
  return { top, bottom };
}

/** Whether the target can be seen without moving: a caret well inside the band, most of a section. */
export function targetInView(target: FollowTarget, view: FollowView): boolean {
  const b = band(view);
  if (target.kind === 'caret') {
    const margin = Math.min(CARET_MARGIN_PX, (b.bottom - b.top) * 0.15);
    return target.box.top >= b.top + margin && target.box.bottom <= b.bottom - margin;
  }
  const overlap = Math.min(target.box.bottom, b.bottom) - Math.max(target.box.top, b.top);
  const couldShow = Math.min(target.box.bottom - target.box.top, b.bottom - b.top);
  return overlap > 0 && overlap >= couldShow * SECTION_VISIBLE_SHARE;
}

/** The scrollY that shows the target: a caret in the band's middle, a section's top under the chrome. */
export function destination(target: FollowTarget, view: FollowView): number {
  const b = band(view);
  const wanted =
    target.kind === 'caret'
      ? view.scrollY + (target.box.top + target.box.bottom) / 2 - (b.top + b.bottom) / 2
      : view.scrollY + target.box.top - b.top - SECTION_GAP_PX;
  return Math.round(Math.min(Math.max(0, wanted), Math.max(0, view.maxScrollY)));
}

/** Whether to scroll now, and where to. */
export function planFollowMove(
  target: FollowTarget | null,
  view: FollowView,
  opts: { reducedMotion: boolean; now: number; last: LastMove | null },
): FollowMove {
  if (!target || targetInView(target, view)) return { scroll: false };
  const top = destination(target, view);
  // At the page's end (or already there): nothing a scroll could change.
  if (Math.abs(top - view.scrollY) < 2) return { scroll: false };
  const { last } = opts;
  if (!opts.reducedMotion && last && opts.now - last.at < SMOOTH_SCROLL_MS && Math.abs(top - last.top) < RETARGET_PX)
    return { scroll: false };
  return { scroll: true, top, behavior: opts.reducedMotion ? 'auto' : 'smooth' };
}

// ---------------------------------------------------------------------------------------------
// Ending follow mode
// ---------------------------------------------------------------------------------------------

export type StopReason = 'self' | 'escape' | 'button' | 'left';

/** Marks the controls whose own clicks and keys must not end following (avatars, the follow bar). */
export const FOLLOW_CONTROL_ATTR = 'data-follow-control';

/** An input event of the follower, reduced to what decides whether it ends following. */
export interface FollowerInput {
  type: 'wheel' | 'touchmove' | 'pointerdown' | 'keydown';
  key?: string;
  /** The event's target is one of the follow controls (an avatar, the follow bar). */
  inFollowControl: boolean;
}

/** Keys that neither scroll nor type: moving focus to the Stop button must not stop following. */
const INERT_KEYS = new Set([
  'Tab',
  'Shift',
  'Control',
  'Alt',
  'Meta',
  'AltGraph',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'OS',
  'ContextMenu',
  'Unidentified',
]);

/** Whether one of the follower's own inputs ends following, and why; null when it does not. */
export function stopOnInput(e: FollowerInput): StopReason | null {
  if (e.type === 'keydown' && e.key === 'Escape') return 'escape';
  // Scrolling is taking over wherever the pointer is.
  if (e.type === 'wheel' || e.type === 'touchmove') return 'self';
  // The controls handle their own clicks and keys (follow someone else, Stop following).
  if (e.inFollowControl) return null;
  if (e.type === 'keydown' && (!e.key || INERT_KEYS.has(e.key))) return null;
  return 'self';
}

export type PresenceCheck = { state: 'here' } | { state: 'waiting'; inMs: number } | { state: 'left' };

/**
 * Whether the followed person has left. Awareness can drop someone for a moment (their
 * reconnect), and a follower who is offline sees nobody, so absence counts only while connected
 * and only once it has lasted LEAVE_GRACE_MS.
 */
export function presenceCheck(input: {
  present: boolean;
  connected: boolean;
  absentSince: number | null;
  now: number;
}): PresenceCheck {
  if (input.present || !input.connected || input.absentSince === null) return { state: 'here' };
  const waited = input.now - input.absentSince;
  return waited >= LEAVE_GRACE_MS ? { state: 'left' } : { state: 'waiting', inMs: LEAVE_GRACE_MS - waited };
}

// ---------------------------------------------------------------------------------------------
// What the follower reads
// ---------------------------------------------------------------------------------------------

/** Announced (and shown) when following starts. */
export function followingMessage(name: string): string {
  return `Following ${name}. Press Escape to stop.`;
}

/** Shown briefly and announced when following ends. */
export function stoppedMessage(reason: StopReason, name: string): string {
  switch (reason) {
    case 'left':
      return `${name} left the plan. You are no longer following.`;
    case 'self':
      return `You moved, so you stopped following ${name}.`;
    default:
      return `Stopped following ${name}.`;
  }
}
