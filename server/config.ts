/**
 * The only place that reads `process.env` (STYLE 9, 10). Values are validated once, frozen, and
 * passed down; tests build a Config directly with `makeConfig({...})`.
 */
import path from 'node:path';

export interface Config {
  /** HTTP port; 0 picks a free one (the chosen port is logged). */
  readonly PORT: number;
  /** Bind address. */
  readonly HOST: string;
  /** LevelDB directory, created if missing. */
  readonly DATA_DIR: string;
  /** `demo` seeds CONTRACT 3 on an empty DATA_DIR; `none` creates nothing. */
  readonly SEED: 'demo' | 'none';
  /** Browser origins allowed to open the sync socket and call the API with cookies. */
  readonly ALLOWED_ORIGINS: readonly string[];
  /** Largest websocket message accepted from a client, in bytes. */
  readonly MAX_MESSAGE_BYTES: number;
  /** How long a document with no connection stays in memory before it is unloaded. */
  readonly IDLE_UNLOAD_MS: number;
  /** Compact a document's update log once it holds this many records ... */
  readonly COMPACT_AFTER_UPDATES: number;
  /** ... or this many bytes. */
  readonly COMPACT_AFTER_BYTES: number;
  /** A session unused for this long expires (sliding). */
  readonly SESSION_IDLE_MS: number;
  /** Directory of the built web client served at `/`. */
  readonly CLIENT_DIST_DIR: string;
  /** Set the cookie's Secure flag (behind https). */
  readonly COOKIE_SECURE: boolean;
  /** Log level for Fastify's logger (pino), `silent` in tests. */
  readonly LOG_LEVEL: string;
  // Resource limits of the sync endpoint (server/limits). Defaults leave room for
  // programmatic clients and benchmarks; lower them on a public deployment.
  /** Sustained websocket messages per second per connection; beyond it the socket is read slower. */
  readonly SYNC_MESSAGES_PER_SECOND: number;
  /** Messages a connection may send at once before the rate above applies. */
  readonly SYNC_MESSAGE_BURST: number;
  /** Open sync sockets per user; one more is refused with HTTP 429 before the upgrade. */
  readonly MAX_SYNC_CONNECTIONS_PER_USER: number;
  /** Bytes queued towards one socket before it counts as not reading and is closed (4429). */
  readonly MAX_SEND_BUFFER_BYTES: number;
  /** Open plan event streams (GET /api/relationships/:id/events) per user; one more is HTTP 429. */
  readonly MAX_EVENT_STREAMS_PER_USER: number;
  /** A comment line this often on every event stream, so proxies keep idle streams open. */
  readonly EVENT_HEARTBEAT_MS: number;
  /**
   * The address people open (CONTRACT 8); invitation and reset links start with it. Null means
   * `http://HOST:PORT` with the port the server actually listens on.
   */
  readonly PUBLIC_URL: string | null;
  /** `smtp://user:pass@host:port` or `smtps://…`; null: no e-mail, links are shown to admins. */
  readonly SMTP_URL: string | null;
  /** Sender of invitation and reset e-mails. */
  readonly MAIL_FROM: string;
  /** Where everything is stored (CONTRACT 7): `leveldb` in DATA_DIR, or `postgres` at DATABASE_URL. */
  readonly STORAGE: 'leveldb' | 'postgres';
  /** PostgreSQL connection string; required with STORAGE=postgres. */
  readonly DATABASE_URL: string | null;
  /** Shared by the nodes of a cluster (CONTRACT 7); required with STORAGE=postgres. */
  readonly CLUSTER_SECRET: string | null;
}

export class ConfigError extends Error {}

const DEFAULTS = {
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  SEED: 'demo' as const,
  MAX_MESSAGE_BYTES: 8 * 1024 * 1024,
  IDLE_UNLOAD_MS: 30_000,
  COMPACT_AFTER_UPDATES: 500,
  COMPACT_AFTER_BYTES: 1024 * 1024,
  SESSION_IDLE_MS: 14 * 24 * 60 * 60 * 1000,
  // server/config.ts and the bundle dist/server.mjs sit one level below the repository root, so
  // this resolves to <repo>/dist/client from either (scripts/buildServer.mjs keeps it so).
  CLIENT_DIST_DIR: path.resolve(import.meta.dirname, '../dist/client'),
  LOG_LEVEL: 'info',
  SYNC_MESSAGES_PER_SECOND: 1000,
  SYNC_MESSAGE_BURST: 20_000,
  MAX_SYNC_CONNECTIONS_PER_USER: 100,
  MAX_SEND_BUFFER_BYTES: 32 * 1024 * 1024,
  // A browser keeps one stream per visible plan tab; the cap stops a script from holding many.
  MAX_EVENT_STREAMS_PER_USER: 20,
  // Under the 30-60 s idle timeouts common in proxies and load balancers.
  EVENT_HEARTBEAT_MS: 25_000,
  MAIL_FROM: 'Charter <no-reply@localhost>',
};

function int(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

/** Builds a frozen Config from partial values, filling defaults and checking every key. */
export function makeConfig(values: Partial<Config> = {}): Config {
  const PORT = values.PORT ?? 3000;
  if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) throw new ConfigError(`PORT must be 0..65535, got ${PORT}`);
  const SEED = values.SEED ?? DEFAULTS.SEED;
  if (SEED !== 'demo' && SEED !== 'none')
    throw new ConfigError(`SEED must be "demo" or "none", got ${JSON.stringify(SEED)}`);
  const ALLOWED_ORIGINS = values.ALLOWED_ORIGINS ?? [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];
  for (const o of ALLOWED_ORIGINS) {
    try {
      new URL(o);
    } catch {
      throw new ConfigError(`ALLOWED_ORIGINS holds an invalid origin "${o}"`);
    }
  }
  const cfg: Config = {
    PORT,
    HOST: values.HOST ?? DEFAULTS.HOST,
    DATA_DIR: path.resolve(values.DATA_DIR ?? DEFAULTS.DATA_DIR),
    SEED,
    ALLOWED_ORIGINS: Object.freeze([...ALLOWED_ORIGINS]),
    MAX_MESSAGE_BYTES: values.MAX_MESSAGE_BYTES ?? DEFAULTS.MAX_MESSAGE_BYTES,
    IDLE_UNLOAD_MS: values.IDLE_UNLOAD_MS ?? DEFAULTS.IDLE_UNLOAD_MS,
    COMPACT_AFTER_UPDATES: values.COMPACT_AFTER_UPDATES ?? DEFAULTS.COMPACT_AFTER_UPDATES,
    COMPACT_AFTER_BYTES: values.COMPACT_AFTER_BYTES ?? DEFAULTS.COMPACT_AFTER_BYTES,
    SESSION_IDLE_MS: values.SESSION_IDLE_MS ?? DEFAULTS.SESSION_IDLE_MS,
    CLIENT_DIST_DIR: values.CLIENT_DIST_DIR ?? DEFAULTS.CLIENT_DIST_DIR,
    COOKIE_SECURE: values.COOKIE_SECURE ?? false,
    LOG_LEVEL: values.LOG_LEVEL ?? DEFAULTS.LOG_LEVEL,
    SYNC_MESSAGES_PER_SECOND: values.SYNC_MESSAGES_PER_SECOND ?? DEFAULTS.SYNC_MESSAGES_PER_SECOND,
    SYNC_MESSAGE_BURST: values.SYNC_MESSAGE_BURST ?? DEFAULTS.SYNC_MESSAGE_BURST,
    MAX_SYNC_CONNECTIONS_PER_USER: values.MAX_SYNC_CONNECTIONS_PER_USER ?? DEFAULTS.MAX_SYNC_CONNECTIONS_PER_USER,
    MAX_SEND_BUFFER_BYTES: values.MAX_SEND_BUFFER_BYTES ?? DEFAULTS.MAX_SEND_BUFFER_BYTES,
    MAX_EVENT_STREAMS_PER_USER: values.MAX_EVENT_STREAMS_PER_USER ?? DEFAULTS.MAX_EVENT_STREAMS_PER_USER,
    EVENT_HEARTBEAT_MS: values.EVENT_HEARTBEAT_MS ?? DEFAULTS.EVENT_HEARTBEAT_MS,
    PUBLIC_URL: values.PUBLIC_URL ? values.PUBLIC_URL.replace(/\/+$/, '') : null,
    SMTP_URL: values.SMTP_URL || null,
    MAIL_FROM: values.MAIL_FROM || DEFAULTS.MAIL_FROM,
    STORAGE: values.STORAGE ?? 'leveldb',
    DATABASE_URL: values.DATABASE_URL || null,
    CLUSTER_SECRET: values.CLUSTER_SECRET || null,
  };
  if (cfg.STORAGE !== 'leveldb' && cfg.STORAGE !== 'postgres') {
    throw new ConfigError(`STORAGE must be "leveldb" or "postgres", got "${String(cfg.STORAGE)}"`);
  }
  if (cfg.STORAGE === 'postgres') {
    if (cfg.DATABASE_URL === null) {
      throw new ConfigError('STORAGE=postgres needs DATABASE_URL (postgres://user:password@host:port/database)');
    }
    if (!/^postgres(ql)?:\/\//.test(cfg.DATABASE_URL)) {
      throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
    }
    if (cfg.CLUSTER_SECRET === null) {
      throw new ConfigError('STORAGE=postgres needs CLUSTER_SECRET (shared by every node on the database)');
    }
  }
  if (cfg.PUBLIC_URL !== null) {
    let u: URL;
    try {
      u = new URL(cfg.PUBLIC_URL);
    } catch {
      throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${cfg.PUBLIC_URL}"`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new ConfigError('PUBLIC_URL must start with http:// or https://');
  }
  if (cfg.SMTP_URL !== null && !/^smtps?:\/\//.test(cfg.SMTP_URL)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  for (const k of [
    'MAX_MESSAGE_BYTES',
    'COMPACT_AFTER_UPDATES',
    'COMPACT_AFTER_BYTES',
    'SESSION_IDLE_MS',
    'SYNC_MESSAGES_PER_SECOND',
    'SYNC_MESSAGE_BURST',
    'MAX_SYNC_CONNECTIONS_PER_USER',
    'MAX_SEND_BUFFER_BYTES',
    'MAX_EVENT_STREAMS_PER_USER',
    'EVENT_HEARTBEAT_MS',
  ] as const) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) throw new ConfigError(`${k} must be a positive integer`);
  }
  if (!Number.isInteger(cfg.IDLE_UNLOAD_MS) || cfg.IDLE_UNLOAD_MS < 0)
    throw new ConfigError('IDLE_UNLOAD_MS must be >= 0');
  return Object.freeze(cfg);
}

/** Reads the environment (CONTRACT 1). Throws ConfigError with a readable message on bad input. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const PORT = int('PORT', env.PORT, 3000, 0);
  return makeConfig({
    PORT,
    HOST: env.HOST || undefined,
    DATA_DIR: env.DATA_DIR || undefined,
    SEED: (env.SEED || undefined) as Config['SEED'] | undefined,
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS
      ? env.ALLOWED_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    MAX_MESSAGE_BYTES: int('MAX_MESSAGE_BYTES', env.MAX_MESSAGE_BYTES, DEFAULTS.MAX_MESSAGE_BYTES, 1),
    IDLE_UNLOAD_MS: int('IDLE_UNLOAD_MS', env.IDLE_UNLOAD_MS, DEFAULTS.IDLE_UNLOAD_MS, 0),
    COMPACT_AFTER_UPDATES: int('COMPACT_AFTER_UPDATES', env.COMPACT_AFTER_UPDATES, DEFAULTS.COMPACT_AFTER_UPDATES, 1),
    COMPACT_AFTER_BYTES: int('COMPACT_AFTER_BYTES', env.COMPACT_AFTER_BYTES, DEFAULTS.COMPACT_AFTER_BYTES, 1),
    SESSION_IDLE_MS: int('SESSION_IDLE_MS', env.SESSION_IDLE_MS, DEFAULTS.SESSION_IDLE_MS, 1),
    CLIENT_DIST_DIR: env.CLIENT_DIST_DIR || undefined,
    COOKIE_SECURE: env.COOKIE_SECURE === 'true' || env.COOKIE_SECURE === '1',
    LOG_LEVEL: env.LOG_LEVEL || undefined,
    SYNC_MESSAGES_PER_SECOND: int(
      'SYNC_MESSAGES_PER_SECOND',
      env.SYNC_MESSAGES_PER_SECOND,
      DEFAULTS.SYNC_MESSAGES_PER_SECOND,
      1,
    ),
    SYNC_MESSAGE_BURST: int('SYNC_MESSAGE_BURST', env.SYNC_MESSAGE_BURST, DEFAULTS.SYNC_MESSAGE_BURST, 1),
    MAX_SYNC_CONNECTIONS_PER_USER: int(
      'MAX_SYNC_CONNECTIONS_PER_USER',
      env.MAX_SYNC_CONNECTIONS_PER_USER,
      DEFAULTS.MAX_SYNC_CONNECTIONS_PER_USER,
      1,
    ),
    MAX_SEND_BUFFER_BYTES: int('MAX_SEND_BUFFER_BYTES', env.MAX_SEND_BUFFER_BYTES, DEFAULTS.MAX_SEND_BUFFER_BYTES, 1),
    MAX_EVENT_STREAMS_PER_USER: int(
      'MAX_EVENT_STREAMS_PER_USER',
      env.MAX_EVENT_STREAMS_PER_USER,
      DEFAULTS.MAX_EVENT_STREAMS_PER_USER,
      1,
    ),
    EVENT_HEARTBEAT_MS: int('EVENT_HEARTBEAT_MS', env.EVENT_HEARTBEAT_MS, DEFAULTS.EVENT_HEARTBEAT_MS, 1),
    PUBLIC_URL: env.PUBLIC_URL || null,
    SMTP_URL: env.SMTP_URL || null,
    MAIL_FROM: env.MAIL_FROM || undefined,
    STORAGE: (env.STORAGE || undefined) as Config['STORAGE'] | undefined,
    DATABASE_URL: env.DATABASE_URL || null,
    CLUSTER_SECRET: env.CLUSTER_SECRET || null,
  });
}
