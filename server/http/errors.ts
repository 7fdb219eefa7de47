/**
 * The REST API's error shape, `{error, message}` (CONTRACT 4), in one place.
 *
 * Domain code and routes throw `DomainError` (server/errors.ts) with a kind and a code from
 * shared/closeCodes.ts; `errorHandler` is the one place kinds become HTTP statuses. It also
 * shapes schema validation failures and Fastify's own 4xx, and hides everything about
 * unexpected failures (500) from the client: the details go to the log only.
 */
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ErrorCodeValue } from '../../shared/closeCodes.ts';
import { DomainError, type DomainErrorKind } from '../errors.ts';
import { StaleSettingsError, etagOf } from '../accounts/settingsVersion.ts';

const CODE_BY_STATUS: Record<number, ErrorCodeValue> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
};

/** The one mapping from domain error kinds to HTTP statuses. */
const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

export function errorBody(code: string, message: string) {
  return { error: code, message };
}

/** For `app.setErrorHandler`. Never echoes a 5xx error's message or stack. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof StaleSettingsError) {
    // The current settings and their version, so the client can merge without another round trip.
    reply.header('etag', etagOf(error.current.version));
    return reply.code(409).send({ ...errorBody(ErrorCode.Conflict, error.message), current: error.current.settings });
  }
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.code(STATUS_BY_KIND[error.kind]).send(errorBody(error.code, error.message));
  }
  if (error instanceof StorageUnavailableError) {
    request.log.warn({ err: error.cause }, 'storage unavailable');
    reply.header('retry-after', '5');
    return reply
      .code(503)
      .send(
        errorBody(ErrorCode.StorageUnavailable, 'The database cannot be reached right now. Please try again shortly.'),
      );
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    return reply.code(400).send(errorBody(ErrorCode.BadRequest, fe.message));
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(errorBody(CODE_BY_STATUS[status] ?? ErrorCode.BadRequest, fe.message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody(ErrorCode.Internal, 'Something went wrong on our side. Please try again.'));
}

/** For `app.setNotFoundHandler` in the /api scope: unknown API routes answer in the API's shape. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(errorBody(ErrorCode.NotFound, `No route ${request.method} ${request.url.split('?')[0]}`));
}
