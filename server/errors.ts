/**
 * The errors domain code throws: a kind (what went wrong, in the domain's words) and an error
 * code from shared/closeCodes.ts (what the client shows). Services, history and the sync layer
 * throw these and know nothing of HTTP; server/http/errors.ts alone maps kinds to statuses.
 */
import type { ErrorCodeValue } from '../shared/closeCodes.ts';
import { ErrorCode } from '../shared/closeCodes.ts';

export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCodeValue,
    message: string,
    /** Seconds until a rate-limited caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * A plan document that is already stored: the registry refuses to create it twice, and the plan
 * service recognises an earlier, interrupted configuration by this class.
 */
export class DocumentExistsError extends DomainError {
  constructor(readonly docId: string) {
    super('conflict', ErrorCode.Conflict, `document ${docId} already exists`);
    this.name = 'DocumentExistsError';
  }
}

export const invalid = (message: string, code: ErrorCodeValue = ErrorCode.BadRequest) =>
  new DomainError('invalid', code, message);
export const unauthenticated = (message = 'Sign in first.', code: ErrorCodeValue = ErrorCode.Unauthorized) =>
  new DomainError('unauthenticated', code, message);
export const denied = (message: string, code: ErrorCodeValue = ErrorCode.Forbidden) =>
  new DomainError('forbidden', code, message);
export const missing = (message: string) => new DomainError('not_found', ErrorCode.NotFound, message);
export const clash = (code: ErrorCodeValue, message: string) => new DomainError('conflict', code, message);
export const gone = (code: ErrorCodeValue, message: string) => new DomainError('gone', code, message);
export const tooMany = (retryAfterSeconds: number, message = 'Too many attempts. Try again later.') =>
  new DomainError('rate_limited', ErrorCode.TooManyRequests, message, retryAfterSeconds);
