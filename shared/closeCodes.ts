/**
 * Websocket close codes of the sync endpoint (CONTRACT 5), defined once and imported by the
 * server, the web client and the tests. What the user sees for each lives in `closeCodeAction`
 * so that the mapping from protocol to screen is a pure, testable function.
 */
export const CloseCode = {
  /** Server shutting down: reconnect. */
  GoingAway: 1001,
  /** Malformed message (undecodable, unknown type): reconnect with a fresh document. */
  MalformedMessage: 1007,
  /**
   * A connection broke a protocol limit that is not about the document (more awareness client
   * ids than one connection may introduce): nothing of the frame was kept; reconnect.
   */
  PolicyViolation: 1008,
  /** Message larger than MAX_MESSAGE_BYTES: reconnect with a fresh document. */
  MessageTooBig: 1009,
  /**
   * The server dropped its loaded copy of the document (a write to the store or an update's
   * integration failed) and loads it again from the store: reconnect, keeping the local copy,
   * so edits the store never got are sent again in the sync handshake.
   */
  DocumentReloaded: 1011,
  /** Session ended (logout, expiry, user removed): go to sign-in. */
  SessionEnded: 4401,
  /** A document update was refused by the permission policy: drop the local copy and resync. */
  PermissionDenied: 4403,
  /** Too many messages too fast, or the client stopped reading (backpressure). */
  RateLimited: 4429,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export type CloseAction = 'reconnect' | 'reset-and-reconnect' | 'sign-in' | 'reset-after-denial';

/** What a client should do after the socket closed with `code`. Unknown codes reconnect. */
export function closeCodeAction(code: number): CloseAction {
  switch (code) {
    case CloseCode.SessionEnded:
      return 'sign-in';
    case CloseCode.PermissionDenied:
      return 'reset-after-denial';
    case CloseCode.MalformedMessage:
    case CloseCode.MessageTooBig:
      return 'reset-and-reconnect';
    case CloseCode.PolicyViolation:
    case CloseCode.DocumentReloaded:
      return 'reconnect';
    default:
      return 'reconnect';
  }
}

/** The y-websocket message types (y-protocols), first varuint of every frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/** Error codes of the REST API's `{error, message}` bodies. */
export const ErrorCode = {
  BadRequest: 'bad_request',
  InvalidCredentials: 'invalid_credentials',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  TooManyRequests: 'too_many_requests',
  AreaNotConfigured: 'area_not_configured',
  AlreadyConfigured: 'already_configured',
  Conflict: 'conflict',
  VersionNotNamed: 'version_not_named', // Only a named version can be signed (docs/api.md)
  PayloadTooLarge: 'payload_too_large',
  /** The database cannot be reached right now (503); the same request may succeed shortly. */
  StorageUnavailable: 'storage_unavailable',
  /** An invitation or reset link past its expiry (410). */
  LinkExpired: 'link_expired',
  /** An invitation or reset link already used (410). */
  LinkUsed: 'link_used',
  /** An invitation revoked by an admin, or declined (410). */
  LinkRevoked: 'link_revoked',
  /** A relationship invitation for a company already on Charter: its admin accepts it signed in (409). */
  SignInToAccept: 'sign_in_to_accept',
  /** The invitation belongs to another company than the signed-in person's (403). */
  WrongCompany: 'wrong_company',
  /** The e-mail address already belongs to someone on Charter (409, told only to its owner). */
  EmailInUse: 'email_in_use',
  /** A password the strength rule refuses (400). */
  WeakPassword: 'weak_password',
  /** A deactivated person signing in with the right password (403). */
  AccountDeactivated: 'account_deactivated',
  /** A write to an archived relationship (409). */
  RelationshipArchived: 'relationship_archived',
  /** A change that needs the partner's acceptance first (409). */
  RelationshipPending: 'relationship_pending',
  UnsupportedMediaType: 'unsupported_media_type',
  Internal: 'internal_error',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
