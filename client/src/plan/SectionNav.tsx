/** The sticky section nav: Vision · Objectives · Account Plan Project · Principles · Behaviours. */
import type { MouseEvent } from 'react';
import { IconLock } from '@tabler/icons-react';
import type { PresentPerson } from '../presence/presence.ts';
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

export function SectionNav({ sections, current, present, locked }: SectionNavProps) {
  const click = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    scrollToSection(id, { focus: true });
  };
  return (
    <nav className={classes.nav} aria-label="Plan sections">
      <div className={classes.inner}>
        <ul className={classes.list}>
          {sections.map((s) => {
            const here = present.filter((p) => p.section === s.id && !p.isSelf);
            return (
              <li key={s.id}>
                <a href={`#${s.id}`} className={classes.link} aria-current={current === s.id ? 'location' : undefined} onClick={click(s.id)}>
                  {s.navLabel}
                  {locked.has(s.id) ? <IconLock size={12} className={classes.lock} aria-label="locked" /> : null}
                  {here.length > 0 ? (
                    <span className={classes.dots} aria-label={`${here.length} ${here.length === 1 ? 'person' : 'people'} here`}>
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
