import { SIDE_COLORS, sideOf, type Side } from '../../../shared/presence.ts';

export { sideOf, type Side };

/** CSS variable of a side's colour (tokens.css), for inline styles. */
export const sideColorVar = (side: Side) => `var(--ch-side-${side})`;
export const sideWeakVar = (side: Side) => `var(--ch-side-${side}-weak)`;
export const sideBorderVar = (side: Side) => `var(--ch-side-${side}-border)`;

/** Writes shared/presence.ts's side colours into the tokens, so there is one source for them. */
export function applySideTokens(root: HTMLElement = document.documentElement): void {
  for (const side of Object.keys(SIDE_COLORS) as Side[]) root.style.setProperty(`--ch-side-${side}`, SIDE_COLORS[side]);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0][0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase();
}
