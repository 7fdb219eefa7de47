/**
 * Which section the reader is in: the one holding keyboard focus, else the one at the top of the
 * viewport. Published to awareness (`section`) so others see "Ada · in Objectives", and returned
 * for the section nav's highlight.
 */
import { useEffect, useState } from 'react';
import type { PlanConnection } from '../sync/PlanConnection.ts';

export function useSectionTracking(
  conn: PlanConnection | null,
  ready: boolean,
  sectionIds: readonly string[],
): string | null {
  const [inView, setInView] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);

  useEffect(() => {
    if (!ready) return;
    const els = sectionIds
      .map((id) => document.querySelector<HTMLElement>(`[data-section="${id}"]`))
      .filter((e): e is HTMLElement => !!e);
    if (els.length === 0) return;
    const visible = new Map<string, number>();
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.section!;
          if (e.isIntersecting) visible.set(id, e.intersectionRatio);
          else visible.delete(id);
        }
        // The first section in page order that is in the reading band.
        const first = sectionIds.find((id) => visible.has(id)) ?? null;
        if (first) setInView(first);
      },
      // The reading band: below the sticky header and nav, the top 40% of the viewport.
      { rootMargin: '-110px 0px -60% 0px', threshold: [0, 0.01] },
    );
    els.forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [ready, sectionIds]);

  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const el = (e.target as HTMLElement | null)?.closest?.('[data-section]') as HTMLElement | null;
      setFocused(el?.dataset.section ?? null);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);

  const current = focused ?? inView;
  useEffect(() => {
    conn?.setSection(current);
  }, [conn, current]);
  return current;
}
