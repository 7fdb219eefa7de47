import type { ReactNode } from 'react';
import type { Relationship } from '../api/types.ts';
import type { PresentPerson } from '../presence/presence.ts';
import { PresenceStack } from '../presence/PresenceStack.tsx';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { roleLabel } from './roles.ts';
import classes from './PlanPage.module.css';

export function PlanHeader({
  rel,
  title,
  present,
  onFollow,
  following,
  actions,
}: {
  rel: Relationship;
  title: string;
  present: PresentPerson[];
  onFollow: (p: PresentPerson) => void;
  /** The user id being followed, or null. */
  following: string | null;
  /** Plan-wide actions (history, export), after the presence stack. */
  actions?: ReactNode;
}) {
  const owner = rel.parties.find((p) => p.id === rel.ownerCompanyId);
  const partner = rel.parties.find((p) => p.id !== rel.ownerCompanyId);
  return (
    <header className={classes.header}>
      <div className={classes.titleBlock}>
        <h1 className={classes.title}>{title || rel.name}</h1>
        <div className={classes.parties}>
          {owner ? <PartyBadge name={owner.name} side="owner" showRole /> : null}
          <span className={classes.times} aria-hidden>
            ×
          </span>
          {partner ? <PartyBadge name={partner.name} side="partner" /> : null}
          <span className={classes.role}>
            You are {rel.myRole === 'admin' ? 'an' : 'a'} {roleLabel(rel.myRole).toLowerCase()}
          </span>
        </div>
      </div>
      <div className={classes.headerRight}>
        {present.length > 0 ? (
          <span className={classes.presenceLabel} aria-hidden>
            Here now
          </span>
        ) : null}
        <PresenceStack
          people={present}
          ownerCompanyId={rel.ownerCompanyId}
          onFollow={onFollow}
          followingId={following}
          label="People in this plan"
          testId="presence-stack"
        />
        {actions}
      </div>
    </header>
  );
}
