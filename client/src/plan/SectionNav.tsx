/** The sticky section nav: Vision · Objectives · Account Plan Project · Principles · Behaviours. */
import { useEffect, type MouseEvent } from 'react';
import { IconLock } from '@tabler/icons-react';
import type { PresentPerson } from '../presence/presence.ts';
import { sectionFromHash } from './sectionLinks.ts';
import { sectionDomId, type SectionDef } from './sections.ts';
import classes from './SectionNav.module.css';

export interface SectionNavProps {
  sections: readonly SectionDef[];
  current: string | null;
  present: PresentPerson[];
  locked: ReadonlySet<string>;
}

export function scrollToSection(id: string, opts: { focus?: boolean } = {}): void {
  const el = document.getElementById(sectionDomId(id));
  if (!el) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  history.replaceState(null, '', `#${id}`);
  if (opts.focus) {
    const heading = el.querySelector<HTMLElement>('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }
}

/** How long a section opened by its address stays highlighted. */
const HIGHLIGHT_MS = 2400;
/** The address already acted on: a plan re-mounted after a reset must not pull the reader back. */
let openedHash: string | null = null;

/** Marks a section for a moment (SectionCard.module.css), so the eye finds where a link led. */
function highlightSection(id: string): void {
  const el = document.getElementById(sectionDomId(id));
  if (!el) return;
  el.setAttribute('data-highlight', 'true');
  window.setTimeout(() => el.removeAttribute('data-highlight'), HIGHLIGHT_MS);
}

/**
 * Opens the section the address names (`#alignment`) once the plan is on screen, and again
 * whenever the address changes: scrolled to and highlighted.
 */
export function useSectionFromAddress(sections: readonly SectionDef[]): void {
  useEffect(() => {
    const ids = sections.map((s) => s.id);
    const open = (force: boolean) => {
      const hash = window.location.hash;
      const id = sectionFromHash(hash, ids);
      if (!id || (!force && openedHash === `${window.location.pathname}${hash}`)) return;
      openedHash = `${window.location.pathname}${hash}`;
      scrollToSection(id);
      highlightSection(id);
    };
    // After this render's layout: every section is in the page by then.
    const frame = window.requestAnimationFrame(() => open(false));
    const onHashChange = () => open(true);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.cancelAnimationFrame(frame);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [sections]);
}

export function SectionNav({ sections, current, present, locked }: SectionNavProps) {
  const click = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    scrollToSection(id, { focus: true });
    openedHash = `${window.location.pathname}#${id}`;
  };
  return (
    <nav className={classes.nav} aria-label="Plan sections">
      <div className={classes.inner}>
        <ul className={classes.list}>
          {sections.map((s) => {
            const here = present.filter((p) => p.section === s.id && !p.isSelf);
            return (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  className={classes.link}
                  aria-current={current === s.id ? 'location' : undefined}
                  onClick={click(s.id)}
                >
                  {s.navLabel}
                  {locked.has(s.id) ? <IconLock size={12} className={classes.lock} aria-label="locked" /> : null}
                  {here.length > 0 ? (
                    <span
                      className={classes.dots}
                      aria-label={`${here.length} ${here.length === 1 ? 'person' : 'people'} here`}
                    >
                      {here.slice(0, 3).map((p) => (
                        <span key={p.user.id} className={classes.dot} style={{ ['--dot' as string]: p.user.color }} />
                      ))}
                    </span>
                  ) : null}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
