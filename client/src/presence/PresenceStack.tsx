/**
 * Avatars of people in the plan, ringed in their side's colour with a company badge. Hover or
 * focus shows name, company and section; click follows (scrolls to where they are working).
 */
import { Tooltip } from '@mantine/core';
import type { PresentPerson } from './presence.ts';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideOf } from '../ui/sides.ts';
import { sectionLabel } from '../plan/sections.ts';
import classes from './PresenceStack.module.css';

export interface PresenceStackProps {
  people: PresentPerson[];
  ownerCompanyId: string;
  onFollow?: (p: PresentPerson) => void;
  size?: 'xs' | 'sm' | 'md';
  max?: number;
  label: string;
  showSection?: boolean;
  testId?: string;
}

export function PresenceStack({ people, ownerCompanyId, onFollow, size = 'md', max = 8, label, showSection = true, testId }: PresenceStackProps) {
  if (people.length === 0) return null;
  const shown = people.slice(0, max);
  const rest = people.length - shown.length;
  return (
    <ul className={classes.stack} aria-label={label} data-testid={testId}>
      {shown.map((p) => {
        const where = p.section ? sectionLabel(p.section) : null;
        const desc = `${p.user.name}${p.isSelf ? ' (you)' : ''}, ${p.user.companyName}${showSection && where ? `, in ${where}` : ''}`;
        const avatar = (
          <PersonAvatar name={p.user.name} color={p.user.color} side={sideOf(p.user.companyId, ownerCompanyId)} companyName={size === 'xs' ? undefined : p.user.companyName} size={size} arrive decorative />
        );
        return (
          <li key={p.user.id} className={classes.item} data-user-id={p.user.id} data-company={p.user.companyName} data-section={p.section ?? ''}>
            <Tooltip
              withArrow
              label={
                <span className={classes.tip}>
                  <span className={classes.tipName}>
                    {p.user.name}
                    {p.isSelf ? ' (you)' : ''}
                  </span>
                  <span className={classes.tipMeta}>{p.user.companyName}</span>
                  {showSection ? <span className={classes.tipMeta}>{where ? `In ${where}` : 'Looking around'}</span> : null}
                </span>
              }
            >
              {onFollow && !p.isSelf ? (
                <button type="button" className={classes.button} onClick={() => onFollow(p)} aria-label={`${desc}. Go to where they are working`}>
                  {avatar}
                </button>
              ) : (
                <span className={classes.button} tabIndex={0} role="img" aria-label={desc}>
                  {avatar}
                </span>
              )}
            </Tooltip>
          </li>
        );
      })}
      {rest > 0 ? (
        <li className={classes.more} aria-label={`and ${rest} more`}>
          +{rest}
        </li>
      ) : null}
    </ul>
  );
}
