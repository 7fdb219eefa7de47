import type { CSSProperties } from 'react';
import { sideBorderVar, sideColorVar, sideWeakVar, type Side } from './sides.ts';

/** A company of a relationship, in its side's colour, with "Owner" spelled out (never colour alone). */
export function PartyBadge({
  name,
  side,
  showRole = false,
  size = 'md',
}: {
  name: string;
  side: Side;
  showRole?: boolean;
  size?: 'sm' | 'md';
}) {
  const style: CSSProperties = {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 6,
    padding: size === 'sm' ? '2px 8px' : '4px 10px',
    borderRadius: 'var(--ch-radius-pill)',
    background: sideWeakVar(side),
    border: `1px solid ${sideBorderVar(side)}`,
    color: 'var(--ch-text)',
    fontSize: size === 'sm' ? 'var(--ch-text-xs)' : 'var(--ch-text-sm)',
    fontWeight: 550,
    whiteSpace: 'nowrap',
    lineHeight: 1.3,
  };
  return (
    <span style={style} data-side={side}>
      <span
        aria-hidden
        style={{ width: 8, height: 8, borderRadius: 2, background: sideColorVar(side), flex: 'none' }}
      />
      {name}
      {showRole && side === 'owner' ? (
        <span style={{ color: 'var(--ch-text-muted)', fontWeight: 450 }}>· owner</span>
      ) : null}
    </span>
  );
}
