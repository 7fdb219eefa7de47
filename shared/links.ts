/**
 * Which link targets the plan holds: the editor creates only these, the server stores only these,
 * and exports emit only these. Apart from shared/richText.ts so that readers and exporters can
 * use it without loading the editor.
 */

/** The only link targets the editor creates and the server stores. */
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/** True for an absolute http(s) or mailto URL. */
export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== 'string' || href.length > 2048) return false;
  try {
    return (LINK_PROTOCOLS as readonly string[]).includes(new URL(href).protocol);
  } catch {
    return false;
  }
}
