/**
 * One section of the plan (DESIGN "Plan page"): a card with its title, a lock badge when locked,
 * the small avatars of who is in it now, then its content.
 */
import type { ReactNode } from 'react';
import type { SectionDef } from './sections.ts';
import { sectionDomId } from './sections.ts';
import { usePlan, usePlanPresence } from './PlanContext.tsx';
import { PresenceStack } from '../presence/PresenceStack.tsx';
import classes from './SectionCard.module.css';

export interface SectionCardProps {
  def: SectionDef;
  hero?: boolean;
  /** Badges after the title (lock badge, "view only"). */
  badges?: ReactNode;
  /** Actions at the right of the header (lock/unlock, add). */
  actions?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}

export function SectionCard({ def, hero, badges, actions, description, children }: SectionCardProps) {
  const titleId = `${sectionDomId(def.id)}-title`;
  return (
    <section
      id={sectionDomId(def.id)}
      data-section={def.id}
      className={`${classes.card} ${hero ? classes.hero : ''}`}
      aria-labelledby={titleId}
    >
      <header className={classes.head}>
        <div className={classes.headMain}>
          <h2 className={classes.title} id={titleId}>
            {def.label}
          </h2>
          {badges}
        </div>
        <div className={classes.headSide}>
          <SectionPresence def={def} />
          {actions}
        </div>
      </header>
      {description ? <p className={classes.description}>{description}</p> : null}
      {children}
    </section>
  );
}

/** Who is in this section now: the only part of a section that re-renders as people move. */
function SectionPresence({ def }: { def: SectionDef }) {
  const { rel } = usePlan();
  const { present, follow, following } = usePlanPresence();
  const here = present.filter((p) => p.section === def.id && !p.isSelf);
  return (
    <PresenceStack
      people={here}
      ownerCompanyId={rel.ownerCompanyId}
      onFollow={follow}
      followingId={following}
      size="xs"
      max={5}
      label={`People in ${def.label}`}
      showSection={false}
      testId={`section-presence-${def.id}`}
    />
  );
}

export function ReadOnlyNote({ icon, children, testId }: { icon?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <p className={classes.readOnlyNote} data-testid={testId}>
      {icon}
      <span>{children}</span>
    </p>
  );
}
