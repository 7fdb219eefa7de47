/**
 * The stores behind invitation and password-reset links: the interfaces every backend
 * implements (LevelDB in store.ts; a PostgreSQL backend implements the same), and their rules.
 *
 * Rules callers depend on:
 * - Records are found by the SHA-256 of their token (`tokenHash`); the token itself is never
 *   stored, so a copy of the store hands out no working link.
 * - `putInvitation` replaces the record with the same id and keeps both lookups (by token hash,
 *   by company) pointing at the current token only: a resent invitation's old link finds nothing.
 * - `invitationsOfCompany` lists every invitation whose `companyId` is the company, in any status;
 *   callers filter.
 * - Consuming is check-then-write in one process; the services serialize per token (see
 *   `SingleFlight` in invitations.ts) so one link cannot be used twice concurrently.
 */
import type { Invitation, ResetToken } from './types.ts';

export interface InvitationRecords {
  putInvitation(inv: Invitation): Promise<void>;
  getInvitation(id: string): Promise<Invitation | undefined>;
  getInvitationByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  invitationsOfCompany(companyId: string): Promise<Invitation[]>;
}

export interface ResetTokenRecords {
  putResetToken(t: ResetToken): Promise<void>;
  getResetToken(tokenHash: string): Promise<ResetToken | undefined>;
  /** Every reset token of a user (a new password voids the others). */
  resetTokensOfUser(userId: string): Promise<ResetToken[]>;
  deleteResetToken(tokenHash: string): Promise<void>;
  /** Removes reset tokens that expired at or before `now` (used ones included); returns how many. */
  deleteExpiredResetTokens(now: number): Promise<number>;
}
