/**
 * What the follower sees while following: a ring around the window in the followed person's side
 * colour, and a bar at the bottom with their name, where they are and "Stop following". When
 * following ends, the same place says why for a few seconds. One live region announces both.
 */
import type { CSSProperties } from 'react';
import { Button } from '@mantine/core';
import type { PresentPerson } from './presence.ts';
import { FOLLOW_CONTROL_ATTR, followingMessage } from './follow.ts';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideColorVar, sideOf } from '../ui/sides.ts';
import { sectionLabel } from '../plan/sections.ts';
import classes from './FollowBar.module.css';

export interface FollowBarProps {
  person: PresentPerson | null;
  ownerCompanyId: string;
  notice: string | null;
  onStop: () => void;
}

export function FollowBar({ person, ownerCompanyId, notice, onStop }: FollowBarProps) {
  const side = person ? sideOf(person.user.companyId, ownerCompanyId) : null;
  const style = side ? ({ '--follow': sideColorVar(side) } as CSSProperties) : undefined;
  const where = person?.section ? sectionLabel(person.section) : null;
  return (
    <>
      {person ? <div className={classes.ring} style={style} aria-hidden data-testid="follow-ring" /> : null}
      <div className={classes.dock} {...{ [FOLLOW_CONTROL_ATTR]: '' }}>
        {person ? (
          <section
            className={classes.bar}
            style={style}
            aria-label={`Following ${person.user.name}`}
            data-follow-bar
            data-testid="follow-bar"
            data-user-id={person.user.id}
          >
            <PersonAvatar
              name={person.user.name}
              color={person.user.color}
              side={side ?? undefined}
              size="sm"
              decorative
            />
            <span className={classes.text}>
              <span className={classes.line}>
                Following <strong className={classes.name}>{person.user.name}</strong>
              </span>
              <span className={classes.meta}>
                {person.user.companyName}
                {where ? ` · in ${where}` : ''}
              </span>
            </span>
            <Button
              variant="default"
              size="compact-sm"
              onClick={onStop}
              aria-label={`Stop following ${person.user.name}`}
              aria-keyshortcuts="Escape"
              className={classes.stop}
              data-testid="stop-following"
            >
              Stop following
            </Button>
            <kbd className={classes.kbd} aria-hidden>
              Esc
            </kbd>
          </section>
        ) : null}
        <p
          role="status"
          className={person || !notice ? 'ch-visually-hidden' : classes.notice}
          data-testid="follow-status"
        >
          {person ? followingMessage(person.user.name) : (notice ?? '')}
        </p>
      </div>
    </>
  );
}
