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
import { registerSyncRoute, type SyncAuthorizer } from './http/syncRoute.ts';
import { guardUpdate } from './sync/guard.ts';
import { createAccounts } from './accounts/index.ts';
import { registerSecurity } from './security/index.ts';
import { registerAdminEndpoint } from './ops/adminEndpoint.ts';
import { ConnectionCounter } from './limits/ConnectionCounter.ts';
import { TokenBucket } from './limits/TokenBucket.ts';
import { withConnectionCap } from './limits/syncLimits.ts';
import { HistoryService } from './history/HistoryService.ts';
import type { CaptureTimings } from './history/burst.ts';
import { PlanEventHub, withEventStreams } from './events/PlanEventHub.ts';
import { registerClientAssets } from './http/clientAssets.ts';
import { NotificationService } from './notifications/NotificationService.ts';
import { PlanEvent } from '../shared/planEvents.ts';
import { notificationRoutes, unreadSummary } from './http/notificationRoutes.ts';
import { registerApi, type ApiFeatures } from './http/routes.ts';
import { authRoutes } from './http/authRoutes.ts';
import { invitationRoutes } from './http/invitationRoutes.ts';
import { passwordRoutes } from './http/passwordRoutes.ts';
import { peopleRoutes } from './http/peopleRoutes.ts';
import { relationshipRoutes } from './http/relationshipRoutes.ts';
import { companyRoutes } from './http/companyRoutes.ts';
import { historyRoutes } from './http/historyRoutes.ts';
import { eventRoutes } from './http/eventRoutes.ts';

/** Every /api route but /api/health, by feature, inside one scope (server/http/routes.ts). */
export const API_FEATURES: ApiFeatures = {
  // Sign-in, invitations, password changes, the people of a company.
  accounts: [authRoutes, invitationRoutes, passwordRoutes, peopleRoutes],
  // Relationships, configuring and staffing their plan, a company's Account Plan settings.
  plans: [relationshipRoutes, companyRoutes],
  // Versions, sign-off, export, restore: they need the app's `history` decorator.
  history: [historyRoutes],
  // Plan events over SSE: they need the app's `planEvents` decorator.
  events: [eventRoutes],
  // The inbox: it needs the app's `notifications` decorator.
  notifications: [notificationRoutes],
};

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
  /** Automatic version timings (tests shorten them; defaults in server/history/burst.ts). */
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
    maxBufferedBytes: config.MAX_SEND_BUFFER_BYTES,
    log: fastify.log,
  });

  // History watches the registry from the start, so a plan's creation is its first version;
  // /api routes find it as `fastify.history` (server/http/historyRoutes.ts). Closed before the db.
  const history = new HistoryService({
    store: storage.versions,
    docs: registry,
    log: fastify.log,
    timings: deps.historyTimings,
  });
  fastify.decorate('history', history);
  fastify.addHook('onClose', () => history.close());

  // Plan event streams (SSE): a signature or a new version reaches the other party at once,
  // though it changes no Y.Doc. Routes find the hub as `fastify.planEvents` (eventRoutes.ts).
  const planEvents = new PlanEventHub({
    maxStreamsPerUser: config.MAX_EVENT_STREAMS_PER_USER,
    heartbeatMs: config.EVENT_HEARTBEAT_MS,
  });
  fastify.decorate('planEvents', planEvents);
  history.onChange((change) => planEvents.publish(change.data.relationshipId, change.type, change.data));
  fastify.addHook('preClose', () => planEvents.close());

  // The accounts layer's services back the /api routes and authorize sync. Its closes (logout,
  // expiry, removal from a team) reach the event streams as well as the sockets.
  // Invitation and reset links start with PUBLIC_URL, else with the address the server listens on.
  let listeningUrl: string | null = null;
  const publicUrl = () => config.PUBLIC_URL ?? listeningUrl ?? `http://${config.HOST}:${config.PORT}`;
  const accounts = await createAccounts({
    store: storage.accounts,
    config,
    docs: withEventStreams(registry, planEvents),
    log: fastify.log,
    publicUrl,
  });
  // The inbox: comments that concern someone are recorded for them and their unread count is
  // pushed to their open event streams. Routes find it as `fastify.notifications`. Created before
  // anything loads a document (the seed does), so it watches every document from its load.
  const notifications = new NotificationService({
    store: storage.notifications,
    docs: registry,
    participants: (relationshipId) => accounts.participantIds(relationshipId),
    push: (userId, unread) => planEvents.publishToUser(userId, PlanEvent.Notifications, unreadSummary(unread)),
    visibleTo: async (userId) => {
      const user = await storage.accounts.getUser(userId);
      if (!user || user.deactivatedAt) return new Set<string>();
      return new Set((await accounts.api.relationships.listFor(user)).map((r) => r.id));
    },
    log: fastify.log,
  });
  fastify.decorate('notifications', notifications);
  fastify.addHook('onClose', () => notifications.close());
  // CONTRACT 3 on an empty store when SEED=demo; nodes starting at once on one database seed it once.
  await storage.exclusive('seed', () => accounts.seedIfEmpty());

  fastify.addHook('onClose', () => accounts.close()); // stops the session sweeper
  const authorizeSync: SyncAuthorizer = deps.authorizeSync ?? accounts.authorizeSync;

  await fastify.register(websocket, { options: { maxPayload: config.MAX_MESSAGE_BYTES } });
  // Headers + CSP, CSRF check and the stack-free error handler, before any route.
  await registerSecurity(fastify, config);
  // Local, token-protected online backup for `npm run backup` (docs/operations.md).
  registerAdminEndpoint(fastify, {
    dump: storage.dump,
    dataDir: config.DATA_DIR,
    host: config.HOST,
    operator: accounts,
  });

  fastify.get('/api/health', () => ({ ok: true, storage: storage.kind }));
  await registerApi(fastify, accounts.api, API_FEATURES);
  // Per-user socket cap (HTTP 429 before the upgrade) and per-socket message rate.
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
