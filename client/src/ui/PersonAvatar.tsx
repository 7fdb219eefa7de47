import type { CSSProperties } from 'react';
import classes from './PersonAvatar.module.css';
import { initials, sideColorVar, type Side } from './sides.ts';

export interface PersonAvatarProps {
  name: string;
  /** The person's own colour (distinct within their side). */
  color: string;
  /** Ring and company badge in the side's colour; omitted outside a relationship. */
  side?: Side;
  /** Company initial shown as a badge (presence stacks). */
  companyName?: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  arrive?: boolean;
  /** Decorative when the name is already printed beside it. */
  decorative?: boolean;
}

export function PersonAvatar({ name, color, side, companyName, size = 'md', arrive, decorative }: PersonAvatarProps) {
  const style = {
    background: color,
    '--ring': side ? sideColorVar(side) : 'transparent',
    '--badge': side ? sideColorVar(side) : 'var(--ch-text-muted)',
  } as CSSProperties;
  return (
    <span
      className={`${classes.avatar} ${classes[size]} ${arrive ? classes.arrive : ''}`}
      style={style}
      role={decorative ? undefined : 'img'}
      aria-hidden={decorative ? true : undefined}
      aria-label={decorative ? undefined : companyName ? `${name}, ${companyName}` : name}
    >
      {initials(name)}
      {companyName && size !== 'xs' ? (
        <span className={classes.badge} aria-hidden>
          {companyName.trim()[0]?.toUpperCase()}
        </span>
      ) : null}
    </span>
  );
}
