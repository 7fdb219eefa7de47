/**
 * The one way the client talks to the REST API: same-origin, cookie session, JSON in and out.
 * Every failure becomes an `ApiError` carrying the server's `{error, message}`; a 401 on any call
 * also tells the session (one listener) so the app can send the user to sign in.
 */
import { ErrorCode } from '../../../shared/closeCodes.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body, for errors that carry more than `{error, message}` (a 409 with the current state). */
    readonly body: unknown = undefined,
    readonly headers: Headers | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the server (offline, server down). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** The session registers here; paths in `quiet401` (sign-in, me) report 401 only to the caller. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

const quiet401 = new Set(['/api/auth/login', '/api/me', '/api/auth/logout']);

export interface ApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  return (await apiResponse<T>(path, init)).body;
}

/** `api`, with the response headers too (an ETag, say). */
export async function apiResponse<T>(path: string, init: ApiInit = {}): Promise<{ body: T; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return { body: undefined as T, headers: res.headers };
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; message?: string };
    if (res.status === 401 && !quiet401.has(path)) onUnauthorized?.();
    throw new ApiError(
      res.status,
      b.error ?? statusCode(res.status),
      b.message ?? res.statusText ?? 'Request failed',
      body,
      res.headers,
    );
  }
  return { body: body as T, headers: res.headers };
}

function statusCode(status: number): string {
  if (status === 401) return ErrorCode.Unauthorized;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 429) return ErrorCode.TooManyRequests;
  if (status >= 500) return ErrorCode.Internal;
  return ErrorCode.BadRequest;
}
