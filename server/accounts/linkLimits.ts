/**
 * Rate limits of the routes that hand out or consume links (CONTRACT 8), per caller IP, user or
 * e-mail address. Tokens have 256 bits, so these limits are not what keeps them unguessable;
 * they bound mail sent on someone's behalf, scrypt work forced on the server, and noise.
 */
import type { AttemptLimit } from './rateLimiter.ts';

export interface LinkLimits {
  /** Invitations and relationships started, per inviting user. */
  invitePerUser: AttemptLimit;
  /** Reads of an invitation or reset link, per IP. */
  inspectPerIp: AttemptLimit;
  /** Acceptances and completed resets (each costs a scrypt), per IP. */
  acceptPerIp: AttemptLimit;
  /** Reset requests per IP, and per address (each may send an e-mail). */
  resetPerIp: AttemptLimit;
  resetPerEmail: AttemptLimit;
  /** Password changes per user (each verifies the current password). */
  changePerUser: AttemptLimit;
}

const MINUTE = 60_000;

export const DEFAULT_LINK_LIMITS: LinkLimits = {
  invitePerUser: { max: 60, windowMs: 60 * MINUTE },
  inspectPerIp: { max: 300, windowMs: 15 * MINUTE },
  acceptPerIp: { max: 60, windowMs: 15 * MINUTE },
  resetPerIp: { max: 30, windowMs: 60 * MINUTE },
  resetPerEmail: { max: 5, windowMs: 60 * MINUTE },
  changePerUser: { max: 10, windowMs: 15 * MINUTE },
};
