/**
 * `buildApp(config)`: the whole server, built without listening (STYLE 9), so tests run it on
 * port 0 with a temporary DATA_DIR and `main.ts` only adds the environment and signals.
 */
import { mkdir } from 'node:fs/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Config } from './config.ts';
import type { DocStore } from './storage/DocStore.ts';
import { openStorage } from './storage/openStorage.ts';
import type { Storage } from './storage/Storage.ts';
import { DocumentRegistry } from './sync/DocumentRegistry.ts';
import { registerSyncRoute, type SyncAuthorizer } from './sync/syncRoute.ts';
import { guardUpdate } from './sync/guard.ts';
import { createAccounts } from './accounts/index.ts'; // accounts:
import { registerSecurity } from './security/index.ts'; // reliability:
import { registerAdminEndpoint } from './reliability/adminEndpoint.ts'; // reliability:
import { ConnectionCounter } from './limits/ConnectionCounter.ts'; // reliability:
import { TokenBucket } from './limits/TokenBucket.ts'; // reliability:
import { withConnectionCap } from './limits/syncLimits.ts'; // reliability:
import { HistoryService } from './history/HistoryService.ts'; // history:
import type { CaptureTimings } from './history/burst.ts'; // history:
import { PlanEventHub, withEventStreams } from './events/PlanEventHub.ts';
import { registerClientAssets } from './http/clientAssets.ts';

export interface App {
  readonly fastify: FastifyInstance;
  readonly registry: DocumentRegistry;
  readonly store: DocStore;
  /** Every store of the backend config.STORAGE chose. */
  readonly storage: Storage;
  readonly config: Config;
  /** Listens on config.HOST:config.PORT; resolves to the base URL (with the chosen port). */
  listen(): Promise<string>;
  /** Graceful stop (CONTRACT 1): stop accepting, write everything pending, close sockets 1001. */
  close(): Promise<void>;
}

export interface AppDeps {
  /** Replaces the sync authorizer (tests of the sync layer alone). */
  authorizeSync?: SyncAuthorizer;
  /** history: automatic version timings (tests shorten them; defaults in server/history/burst.ts). */
  historyTimings?: Partial<CaptureTimings>;
  /**
   * Wraps the document store before anything uses it: tests inject faults into the real store
   * this way (a write that fails once, then recovers).
   */
  wrapDocStore?: (store: DocStore) => DocStore;
  /** An already open backend to use instead of opening the one config.STORAGE names. */
  storage?: Storage;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<App> {
  // DATA_DIR also holds the local admin file with STORAGE=postgres.
  await mkdir(config.DATA_DIR, { recursive: true });
  const storage = deps.storage ?? (await openStorage(config));

  const fastify = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    bodyLimit: 1024 * 1024,
    // Unknown fields are an error (CONTRACT 4), never silently stripped; types are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    forceCloseConnections: true,
  });

  const store: DocStore = deps.wrapDocStore ? deps.wrapDocStore(storage.docs) : storage.docs;
  const registry = new DocumentRegistry(store, {
    guard: guardUpdate,
    compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
    compactAfterBytes: config.COMPACT_AFTER_BYTES,
    idleUnloadMs: config.IDLE_UNLOAD_MS,
    maxBufferedBytes: config.MAX_SEND_BUFFER_BYTES, // reliability: was a constant; tests lower it
    log: fastify.log,
  });

  // history: watches the registry from the start, so a plan's creation is its first version;
  // /api routes find it as `fastify.history` (server/http/historyRoutes.ts). Closed before the db.
  const history = new HistoryService({
    store: storage.versions,
    docs: registry,
    log: fastify.log,
    timings: deps.historyTimings,
  }); // history:
  fastify.decorate('history', history); // history:
  fastify.addHook('onClose', () => history.close()); // history:

  // Plan event streams (SSE): a signature or a new version reaches the other party at once,
  // though it changes no Y.Doc. Routes find the hub as `fastify.planEvents` (eventRoutes.ts).
  const planEvents = new PlanEventHub({
    maxStreamsPerUser: config.MAX_EVENT_STREAMS_PER_USER,
    heartbeatMs: config.EVENT_HEARTBEAT_MS,
  });
  fastify.decorate('planEvents', planEvents);
  history.onChange((change) => planEvents.publish(change.data.relationshipId, change.type, change.data));
  fastify.addHook('preClose', () => planEvents.close());

  // accounts: the accounts layer is created here and owns the REST API and sync authorization.
  // Its closes (logout, expiry, removal from a team) reach the event streams as well as the sockets.
  // Invitation and reset links start with PUBLIC_URL, else with the address the server listens on.
  let listeningUrl: string | null = null;
  const publicUrl = () => config.PUBLIC_URL ?? listeningUrl ?? `http://${config.HOST}:${config.PORT}`;
  const accounts = await createAccounts({
    store: storage.accounts,
    config,
    docs: withEventStreams(registry, planEvents),
    log: fastify.log,
    publicUrl,
  }); // accounts:
  // CONTRACT 3 on an empty store when SEED=demo; nodes starting at once on one database seed it once.
  await storage.exclusive('seed', () => accounts.seedIfEmpty());
  fastify.addHook('onClose', () => accounts.close()); // accounts: stops the session sweeper
  const authorizeSync: SyncAuthorizer = deps.authorizeSync ?? accounts.authorizeSync; // accounts:

  await fastify.register(websocket, { options: { maxPayload: config.MAX_MESSAGE_BYTES } });
  // reliability: headers + CSP, CSRF check and the stack-free error handler, before any route.
  await registerSecurity(fastify, config);
  // reliability: local, token-protected online backup for `npm run backup` (docs/operations.md).
  registerAdminEndpoint(fastify, {
    dump: storage.dump,
    dataDir: config.DATA_DIR,
    host: config.HOST,
    operator: accounts,
  });

  fastify.get('/api/health', async () => ({ ok: true, storage: storage.kind }));
  // accounts: REST routes are registered here.
  await accounts.registerRoutes(fastify); // accounts: cookie plugin + every /api route but /api/health
  // reliability: per-user socket cap (HTTP 429 before the upgrade) and per-socket message rate.
  const syncConnections = new ConnectionCounter(config.MAX_SYNC_CONNECTIONS_PER_USER);
  registerSyncRoute(fastify, registry, withConnectionCap(authorizeSync, syncConnections), {
    messageBucket: () =>
      new TokenBucket({ ratePerSecond: config.SYNC_MESSAGES_PER_SECOND, burst: config.SYNC_MESSAGE_BURST }),
  });
  await registerClientAssets(fastify, config.CLIENT_DIST_DIR);

  let closing: Promise<void> | null = null;
  const app: App = {
    fastify,
    registry,
    store,
    storage,
    config,
    async listen() {
      await fastify.listen({ port: config.PORT, host: config.HOST });
      const addr = fastify.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
      const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
      listeningUrl = `http://${host}:${port}`;
      return listeningUrl;
    },
    close() {
      closing ??= (async () => {
        // Stop accepting first, then drain: sockets get 1001 once their room's writes are done.
        fastify.server.close();
        // Streams never end on their own: end them now, or the server would wait on them.
        planEvents.close();
        await registry.shutdown();
        await fastify.close();
        await store.close();
        await storage.close();
      })();
      return closing;
    },
  };
  return app;
}
