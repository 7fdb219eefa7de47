/**
 * Typed errors of the accounts domain. Services throw these with a kind and an error code from
 * shared/closeCodes.ts; the REST layer (server/http/errors.ts) alone maps kinds to HTTP statuses.
 */
import type { ErrorCodeValue } from '../../shared/closeCodes.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';

export type AccountsErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rate_limited';

export class AccountsError extends Error {
  constructor(
    readonly kind: AccountsErrorKind,
    readonly code: ErrorCodeValue,
    message: string,
    /** Seconds until a rate-limited caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AccountsError';
  }
}

export const invalid = (message: string, code: ErrorCodeValue = ErrorCode.BadRequest) =>
  new AccountsError('invalid', code, message);
export const denied = (message: string, code: ErrorCodeValue = ErrorCode.Forbidden) =>
  new AccountsError('forbidden', code, message);
export const missing = (message: string) => new AccountsError('not_found', ErrorCode.NotFound, message);
export const clash = (code: ErrorCodeValue, message: string) => new AccountsError('conflict', code, message);
export const gone = (code: ErrorCodeValue, message: string) => new AccountsError('gone', code, message);
export const tooMany = (retryAfterSeconds: number, message = 'Too many attempts. Try again later.') =>
  new AccountsError('rate_limited', ErrorCode.TooManyRequests, message, retryAfterSeconds);
