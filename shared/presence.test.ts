import { describe, expect, it } from 'vitest';
import {
  SIDE_COLORS,
  SIDE_PALETTES,
  assignSideColors,
  contrastRatio,
  defaultUserColor,
  sideOf,
  userColor,
  type Side,
} from './presence.ts';

const sides: Side[] = ['owner', 'partner'];

describe('presence colours', () => {
  it('every palette and side colour is readable on white (WCAG AA, 4.5:1)', () => {
    for (const side of sides) {
      for (const c of [SIDE_COLORS[side], ...SIDE_PALETTES[side]]) {
        expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('the two sides share no colour', () => {
    const owner = new Set(SIDE_PALETTES.owner);
    expect(SIDE_PALETTES.partner.filter((c) => owner.has(c))).toEqual([]);
  });

  it('contrast ratio matches known values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });

  it('is deterministic and independent of input order', () => {
    const ids = ['u_ada', 'u_ben', 'u_zed', 'u_max'];
    const a = assignSideColors('owner', ids);
    const b = assignSideColors('owner', [...ids].reverse());
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect(defaultUserColor('u_ada')).toBe(defaultUserColor('u_ada'));
  });

  it('gives distinct colours within a side up to the palette size', () => {
    const ids = Array.from({ length: SIDE_PALETTES.partner.length }, (_, i) => `user_${i}`);
    const colors = assignSideColors('partner', ids);
    expect(new Set(colors.values()).size).toBe(ids.length);
    for (const c of colors.values()) expect(SIDE_PALETTES.partner).toContain(c);
  });

  it('still answers when a side outnumbers its palette', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `user_${i}`);
    expect(assignSideColors('owner', ids).size).toBe(20);
  });

  it('userColor agrees with assignSideColors and adds a missing user', () => {
    const side = ['u_cara', 'u_dan', 'u_vic'];
    const all = assignSideColors('partner', side);
    for (const id of side) expect(userColor(id, 'partner', side)).toBe(all.get(id));
    expect(SIDE_PALETTES.owner).toContain(userColor('u_new', 'owner', []));
  });

  it('sideOf tells the owner company from the partner', () => {
    expect(sideOf('acme', 'acme')).toBe('owner');
    expect(sideOf('globex', 'acme')).toBe('partner');
  });
});
