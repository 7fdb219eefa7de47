/**
 * Section addresses: `/relationships/acme-globex#alignment` opens the plan at Alignment. The
 * nav writes `#<section id>`; links from elsewhere may carry the element id (`#section-…`) or
 * other casing. Pure, unit-tested.
 */
const PREFIX = 'section-';

/** The section a URL hash points at, among `ids`, or null. */
export function sectionFromHash(hash: string, ids: readonly string[]): string | null {
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const key = raw.trim().toLowerCase();
  if (!key) return null;
  const bare = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
  return ids.find((id) => id.toLowerCase() === bare) ?? null;
}
