/**
 * Follow mode in the browser: measures the page, asks follow.ts what to do, scrolls. Every
 * decision (where they are, whether to move, which input ends following, whether they left) is
 * in follow.ts; this hook only wires it to awareness, the document, the window and React state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { sectionDomId } from '../plan/sections.ts';
import {
  FOLLOW_CONTROL_ATTR,
  NOTICE_MS,
  SMOOTH_SCROLL_MS,
  followTarget,
  planFollowMove,
  presenceCheck,
  stopOnInput,
  stoppedMessage,
  type CaretSpot,
  type FollowerInput,
  type FollowView,
  type LastMove,
  type StopReason,
} from './follow.ts';
import { peopleFromStates, type PresentPerson } from './presence.ts';

export interface FollowMode {
  /** The person being followed (their last known state while they are briefly away), or null. */
  person: PresentPerson | null;
  /** What ended following, for a few seconds afterwards. */
  notice: string | null;
  /** Follows this person; following them again stops. */
  toggle: (person: PresentPerson) => void;
  stop: (reason: StopReason) => void;
}

const INPUTS: FollowerInput['type'][] = ['wheel', 'touchmove', 'pointerdown', 'keydown'];

function cssPx(name: string): number {
  return parseFloat(getComputedStyle(document.documentElement).getPropertyValue(name)) || 0;
}

function measureView(): FollowView {
  const root = document.scrollingElement ?? document.documentElement;
  const bar = document.querySelector<HTMLElement>('[data-follow-bar]');
  return {
    scrollY: window.scrollY,
    maxScrollY: root.scrollHeight - window.innerHeight,
    height: window.innerHeight,
    // The app header and the sticky section nav (tokens.css) cover the top of the window.
    topInset: cssPx('--ch-header-h') + cssPx('--ch-section-nav-h'),
    bottomInset: bar ? window.innerHeight - bar.getBoundingClientRect().top : 0,
  };
}

function caretsOf(userId: string): CaretSpot[] {
  return [
    ...document.querySelectorAll<HTMLElement>(`.collaboration-carets__caret[data-user-id="${CSS.escape(userId)}"]`),
  ].map((el) => ({
    section: el.closest<HTMLElement>('[data-section]')?.dataset.section ?? null,
    box: el.getBoundingClientRect(),
  }));
}

export function useFollow(
  present: PresentPerson[],
  awareness: Awareness | null,
  doc: Y.Doc | null,
  connected: boolean,
): FollowMode {
  const [followedId, setFollowedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const lastKnown = useRef<PresentPerson | null>(null);
  const current = followedId ? (present.find((p) => p.user.id === followedId) ?? null) : null;
  if (current) lastKnown.current = current;
  const person = followedId ? (current ?? lastKnown.current) : null;

  const followedRef = useRef(followedId);
  followedRef.current = followedId;
  const stop = useCallback((reason: StopReason) => {
    if (!followedRef.current) return;
    followedRef.current = null;
    setFollowedId(null);
    setNotice(stoppedMessage(reason, lastKnown.current?.user.name ?? 'them'));
  }, []);
  const toggle = useCallback(
    (p: PresentPerson) => {
      if (followedRef.current === p.user.id) return stop('button');
      lastKnown.current = p;
      followedRef.current = p.user.id;
      setFollowedId(p.user.id);
      setNotice(null);
    },
    [stop],
  );

  // The follower's own scrolling, clicking and typing end following (capture: before an editor sees it).
  useEffect(() => {
    if (!followedId) return;
    const onInput = (e: Event) => {
      const target = e.target instanceof Element ? e.target : null;
      const reason = stopOnInput({
        type: e.type as FollowerInput['type'],
        key: e instanceof KeyboardEvent ? e.key : undefined,
        inFollowControl: !!target?.closest(`[${FOLLOW_CONTROL_ATTR}]`),
      });
      if (reason) stop(reason);
    };
    for (const t of INPUTS) window.addEventListener(t, onInput, { capture: true, passive: true });
    return () => {
      for (const t of INPUTS) window.removeEventListener(t, onInput, { capture: true });
    };
  }, [followedId, stop]);

  // Keep them in view: re-decide after every awareness change (their caret, their section), every
  // document change (text above them moves them) and resize, at most once a frame.
  const schedule = useRef<() => void>(() => {});
  useEffect(() => {
    if (!followedId || !awareness) return;
    let frame = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let last: LastMove | null = null;
    const decide = () => {
      frame = 0;
      // Read the section from awareness itself: React's copy may not have rendered yet.
      const them = peopleFromStates(
        awareness.getStates() as Map<number, Record<string, unknown>>,
        awareness.clientID,
        null,
      ).find((p) => p.user.id === followedId);
      if (!them) return;
      const sectionEl = them.section ? document.getElementById(sectionDomId(them.section)) : null;
      const target = followTarget(caretsOf(followedId), them.section, sectionEl?.getBoundingClientRect() ?? null);
      const now = performance.now();
      const move = planFollowMove(target, measureView(), {
        reducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches,
        now,
        last,
      });
      if (!move.scroll) return;
      last = { top: move.top, at: now };
      window.scrollTo({ top: move.top, behavior: move.behavior });
      // Look again once a smooth scroll has had time to land (a late layout change, an interrupted scroll).
      clearTimeout(settle);
      if (move.behavior === 'smooth') settle = setTimeout(run, SMOOTH_SCROLL_MS);
    };
    const run = () => {
      if (!frame) frame = requestAnimationFrame(decide);
    };
    schedule.current = run;
    run();
    awareness.on('change', run);
    doc?.on('update', run);
    window.addEventListener('resize', run);
    return () => {
      schedule.current = () => {};
      cancelAnimationFrame(frame);
      clearTimeout(settle);
      awareness.off('change', run);
      doc?.off('update', run);
      window.removeEventListener('resize', run);
    };
  }, [followedId, awareness, doc]);
  // A re-render of the sections (a reset, a new team) can move them too.
  useEffect(() => {
    schedule.current();
  }, [present]);

  // They left: after a grace period, and only while we are connected to see them.
  const absentSince = useRef<number | null>(null);
  const here = !followedId || present.some((p) => p.user.id === followedId);
  useEffect(() => {
    if (here || !connected) {
      absentSince.current = null;
      return;
    }
    absentSince.current ??= Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const r = presenceCheck({ present: false, connected: true, absentSince: absentSince.current, now: Date.now() });
      if (r.state === 'left') stop('left');
      else if (r.state === 'waiting') timer = setTimeout(check, r.inMs);
    };
    check();
    return () => clearTimeout(timer);
  }, [here, connected, stop]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);

  return { person, notice, toggle, stop };
}
