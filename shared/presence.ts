/**
 * Presence colours, shared by the server (which stamps them on awareness states and team lists)
 * and the client (party badges, presence rings, caret labels), so both agree without a round trip.
 *
 * A relationship has two sides: the owner company and the partner. Each side has one colour
 * family (DESIGN: "one colour per side"); each person gets a colour from their side's palette.
 *
 * What must stay true:
 * - every palette colour reaches WCAG AA for normal text on white (contrast >= 4.5:1), because
 *   caret labels and names are drawn in it;
 * - colours are pure functions of ids: no state, no randomness, same answer on every machine;
 * - within one side, people get distinct colours while the side has no more people than its
 *   palette has colours.
 */

export type Side = 'owner' | 'partner';

/** The side colour tokens: party badges and the ring around a side's avatars. */
export const SIDE_COLORS: Readonly<Record<Side, string>> = Object.freeze({
  owner: '#1d4ed8',
  partner: '#c2410c',
});

/** Cool hues for the owner side, warm hues for the partner, so a cursor tells its side at a glance. */
export const SIDE_PALETTES: Readonly<Record<Side, readonly string[]>> = Object.freeze({
  owner: Object.freeze(['#1d4ed8', '#0f766e', '#6d28d9', '#0369a1', '#4338ca', '#15803d', '#0e7490', '#7e22ce']),
  partner: Object.freeze(['#c2410c', '#b91c1c', '#be185d', '#a16207', '#9a3412', '#a21caf', '#b45309', '#9f1239']),
});

export function sideOf(companyId: string, ownerCompanyId: string): Side {
  return companyId === ownerCompanyId ? 'owner' : 'partner';
}

/** FNV-1a over UTF-16 code units: small, stable across runtimes, good enough to spread ids. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Every person colour: both sides' palettes, all readable on white (WCAG AA). */
export const PERSON_PALETTE: readonly string[] = Object.freeze([...SIDE_PALETTES.owner, ...SIDE_PALETTES.partner]);

/**
 * A person's one colour, the same on the sign-in page, in the header, in presence, on carets and
 * in every relationship: it depends on their id and on who else is in their company, never on
 * the relationship in view. People of one company (one side of any relationship) get distinct
 * colours while the company has no more people than the palette has colours; the side itself is
 * shown by the avatar's ring and the party badges.
 */
export function personColors(companyUserIds: readonly string[]): Map<string, string> {
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const id of [...new Set(companyUserIds)].sort()) {
    let slot = hashId(id) % PERSON_PALETTE.length;
    if (taken.size < PERSON_PALETTE.length) {
      while (taken.has(slot)) slot = (slot + 1) % PERSON_PALETTE.length;
    }
    taken.add(slot);
    out.set(id, PERSON_PALETTE[slot]);
  }
  return out;
}

/** One person's colour (see `personColors`), given the ids of everyone in their company. */
export function personColor(userId: string, companyUserIds: readonly string[]): string {
  return personColors(companyUserIds.includes(userId) ? companyUserIds : [...companyUserIds, userId]).get(userId)!;
}

/** A colour for an id alone, when the company's people are not known (never for a signed-in person). */
export function defaultUserColor(userId: string): string {
  return PERSON_PALETTE[hashId(userId) % PERSON_PALETTE.length];
}

/**
 * Colours for the people of one side. Each person prefers the slot their id hashes to; people are
 * placed in id order and a taken slot passes to the next free one. So a person's colour depends
 * only on their id and on who else is on their side, and two people share a colour only once the
 * side outnumbers the palette.
 */
export function assignSideColors(side: Side, userIds: readonly string[]): Map<string, string> {
  const palette = SIDE_PALETTES[side];
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const id of [...new Set(userIds)].sort()) {
    let slot = hashId(id) % palette.length;
    if (taken.size < palette.length) {
      while (taken.has(slot)) slot = (slot + 1) % palette.length;
    }
    taken.add(slot);
    out.set(id, palette[slot]);
  }
  return out;
}

/** One person's colour within a relationship, given everyone on their side. */
export function userColor(userId: string, side: Side, sideUserIds: readonly string[]): string {
  return assignSideColors(side, sideUserIds.includes(userId) ? sideUserIds : [...sideUserIds, userId]).get(userId)!;
}

// ---------------------------------------------------------------------------------------------
// WCAG contrast (used by the tests that pin the palettes, and by the client for custom tokens)
// ---------------------------------------------------------------------------------------------

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
