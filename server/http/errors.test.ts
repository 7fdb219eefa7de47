/**
 * Domain errors become HTTP answers in one place (errors.ts): each kind has its status, the
 * domain's error code and message travel as `{error, message}`, a rate limit carries
 * Retry-After, and anything that is not a domain error is a 500 that says nothing about itself.
 * A real Fastify instance with the handler installed, as the /api scope installs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { clash, denied, DocumentExistsError, gone, invalid, missing, tooMany, unauthenticated } from '../errors.ts';
import { errorHandler } from './errors.ts';

const thrown: Record<string, () => Error> = {
  invalid: () => invalid('Name the plan.'),
  unauthenticated: () => unauthenticated('Email or password is incorrect.', ErrorCode.InvalidCredentials),
  denied: () => denied('Only a Company Admin may.'),
  missing: () => missing('No relationship "r1".'),
  clash: () => clash(ErrorCode.AlreadyConfigured, 'This plan is already configured.'),
  gone: () => gone(ErrorCode.LinkExpired, 'This link has expired.'),
  tooMany: () => tooMany(42),
  exists: () => new DocumentExistsError('r1'),
  internal: () => new Error('disk on fire at /var/secret/path'),
};

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  for (const [name, make] of Object.entries(thrown)) {
    app.get(`/${name}`, () => {
      throw make();
    });
  }
  await app.ready();
});
afterAll(() => app.close());

describe('the one mapping from domain errors to HTTP', () => {
  it.each([
    ['invalid', 400, ErrorCode.BadRequest, 'Name the plan.'],
    ['unauthenticated', 401, ErrorCode.InvalidCredentials, 'Email or password is incorrect.'],
    ['denied', 403, ErrorCode.Forbidden, 'Only a Company Admin may.'],
    ['missing', 404, ErrorCode.NotFound, 'No relationship "r1".'],
    ['clash', 409, ErrorCode.AlreadyConfigured, 'This plan is already configured.'],
    ['gone', 410, ErrorCode.LinkExpired, 'This link has expired.'],
    ['exists', 409, ErrorCode.Conflict, 'document r1 already exists'],
  ])('%s answers %i with its code and message', async (name, status, error, message) => {
    const res = await app.inject({ url: `/${name}` });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error, message });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('a rate limit answers 429 with Retry-After in seconds', async () => {
    const res = await app.inject({ url: '/tooMany' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.json<{ error: string }>().error).toBe(ErrorCode.TooManyRequests);
  });

  it('anything else is a 500 that hides its message', async () => {
    const res = await app.inject({ url: '/internal' });
    expect(res.statusCode).toBe(500);
    expect(res.json<{ error: string }>().error).toBe(ErrorCode.Internal);
    expect(res.body).not.toContain('secret');
  });
});
