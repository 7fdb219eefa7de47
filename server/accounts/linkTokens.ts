/**
 * Tokens of invitation and password-reset links: 256 random bits, base64url in the link, and
 * only their SHA-256 in the store. A slow hash is not needed: the token has full entropy, so the
 * digest cannot be reversed by guessing, and a fast one keeps lookups cheap.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Accepted token shape in paths: what `newLinkToken` makes, with room to spare. */
export const LINK_TOKEN_PATTERN = '^[A-Za-z0-9_-]{20,200}$';

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
