/**
 * The version of a company's Account Plan settings, sent as an ETag and checked against
 * `If-Match` on PUT (optimistic concurrency, docs/api.md).
 *
 * The version is a hash of the settings' content, not a counter: it needs nothing stored beside
 * the settings, and two admins who end up with the same settings agree on the version. A PUT
 * based on content that is no longer current is refused; one based on content that is current
 * again (A → B → A) overwrites nothing anyone else wrote.
 */
import { createHash } from 'node:crypto';
import type { AccountPlanSettings } from './types.ts';

/** Field by field, so the version depends on the content, never on key order. */
function canonical(s: AccountPlanSettings): unknown {
  return [
    s.enabled,
    s.objectives.map((o) => [
      o.id,
      o.title,
      o.description,
      o.measure.unit,
      o.measure.baseline,
      o.measure.target,
      o.measure.direction,
    ]),
    s.principles,
    s.behaviours,
  ];
}

export function settingsVersion(s: AccountPlanSettings): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(s)))
    .digest('base64url')
    .slice(0, 22);
}

/** The ETag header value for a version: a strong validator. */
export const etagOf = (version: string) => `"${version}"`;

/**
 * Whether an `If-Match` header allows writing over `current` (RFC 9110 13.1.1): `*` or any
 * listed entity tag equal to it. Weak tags (`W/"…"`) never match, as If-Match uses strong
 * comparison.
 */
export function ifMatchAllows(header: string, current: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  for (const part of value.split(',')) {
    const tag = part.trim();
    if (tag === etagOf(current)) return true;
  }
  return false;
}

/** Settings together with their version. */
export interface VersionedSettings {
  settings: AccountPlanSettings;
  version: string;
}

/**
 * A PUT's `If-Match` names a version of the settings that is no longer current: someone saved
 * in between. Nothing was written; `current` is what is stored now.
 */
export class StaleSettingsError extends Error {
  constructor(readonly current: VersionedSettings) {
    super(
      'Someone else saved these settings after you opened them. Nothing was saved: merge your changes with theirs and save again.',
    );
    this.name = 'StaleSettingsError';
  }
}
