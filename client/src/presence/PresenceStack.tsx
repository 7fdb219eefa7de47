/**
 * Avatars of people in the plan, ringed in their side's colour with a company badge. Hover or
 * focus shows name, company and section; click follows them (useFollow.ts), click again stops.
 */
import type { CSSProperties } from 'react';
import { Tooltip } from '@mantine/core';
import type { PresentPerson } from './presence.ts';
import { FOLLOW_CONTROL_ATTR } from './follow.ts';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideColorVar, sideOf } from '../ui/sides.ts';
import { sectionLabel } from '../plan/sections.ts';
import classes from './PresenceStack.module.css';

export interface PresenceStackProps {
  people: PresentPerson[];
  ownerCompanyId: string;
  onFollow?: (p: PresentPerson) => void;
  /** The user id being followed: their avatar shows as pressed, ringed in their side's colour. */
  followingId?: string | null;
  size?: 'xs' | 'sm' | 'md';
  max?: number;
  label: string;
  showSection?: boolean;
  testId?: string;
}

export function PresenceStack({
  people,
  ownerCompanyId,
  onFollow,
  followingId = null,
  size = 'md',
  max = 8,
  label,
  showSection = true,
  testId,
}: PresenceStackProps) {
  if (people.length === 0) return null;
  const shown = people.slice(0, max);
  const rest = people.length - shown.length;
  return (
    <ul className={classes.stack} aria-label={label} data-testid={testId}>
      {shown.map((p) => {
        const where = p.section ? sectionLabel(p.section) : null;
        const desc = `${p.user.name}${p.isSelf ? ' (you)' : ''}, ${p.user.companyName}${showSection && where ? `, in ${where}` : ''}`;
        const side = sideOf(p.user.companyId, ownerCompanyId);
        const following = followingId === p.user.id;
        const avatar = (
          <PersonAvatar
            name={p.user.name}
            color={p.user.color}
            side={side}
            companyName={size === 'xs' ? undefined : p.user.companyName}
            size={size}
            arrive
            decorative
          />
        );
        return (
          <li
            key={p.user.id}
            className={classes.item}
            data-user-id={p.user.id}
            data-company={p.user.companyName}
            data-section={p.section ?? ''}
          >
            <Tooltip
              withArrow
              label={
                <span className={classes.tip}>
                  <span className={classes.tipName}>
                    {p.user.name}
                    {p.isSelf ? ' (you)' : ''}
                  </span>
                  <span className={classes.tipMeta}>{p.user.companyName}</span>
                  {showSection ? (
                    <span className={classes.tipMeta}>{where ? `In ${where}` : 'Looking around'}</span>
                  ) : null}
                  {onFollow && !p.isSelf ? (
                    <span className={classes.tipMeta}>
                      {following ? 'Following: click to stop' : 'Click to follow'}
                    </span>
                  ) : null}
                </span>
              }
            >
              {onFollow && !p.isSelf ? (
                <button
                  type="button"
                  className={classes.button}
                  style={{ '--follow': sideColorVar(side) } as CSSProperties}
                  onClick={() => onFollow(p)}
                  aria-label={`Follow ${desc}`}
                  aria-pressed={following}
                  {...{ [FOLLOW_CONTROL_ATTR]: '' }}
                >
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
