// buildApp(deps): wires the HTTP plugins and every module's routes. main.ts calls it
// with the real configuration; tests call it with their own database and clock.
import crypto from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import type { Clock } from './kernel/clock.js';
import type { Logger } from './kernel/logger.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerHealthRoutes } from './http/health.routes.js';
import { defaultPortalDir, registerPortal } from './http/portal.js';
import { ErrorResponse } from './http/schemas.js';
import rateLimit from '@fastify/rate-limit';
import { registerAuth, type DeclaredRoute } from './http/auth.js';
import { registerAccountRoutes, registerAuthRoutes } from './modules/accounts/index.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { createPopulationSimulator, registerPopulationRoutes, type PopulationRegistry } from './modules/population/index.js';
import { registerCadastreRoutes, registerChangeRoutes, registerRecordRoutes, registerSearchRoutes, registerVersionRoutes } from './modules/cadastre/index.js';
import { registerUnitRoutes } from './modules/units/index.js';
import { createTileService, registerTileRoutes } from './modules/tiles/index.js';
import { createAppEvents, decodeParcelsChanged, PARCELS_CHANGED_CHANNEL, type AppEvents } from './kernel/events.js';
import { registerFeatureRoutes } from './modules/features/index.js';
import { registerPriceRoutes } from './modules/prices/index.js';
import { registerPlanningRoutes } from './modules/planning/index.js';
import { registerStatisticsRoutes } from './modules/statistics/index.js';
import { createDocumentStore, registerDocumentRoutes, type DocumentStore } from './modules/documents/index.js';
import { registerImportRoutes } from './modules/imports/index.js';
import { registerQualityRoutes } from './modules/quality/index.js';
import { createBackupDeps, registerBackupRoutes } from './modules/backups/index.js';
import { createMaintenanceGate, createMailer, createMetrics, registerMetricsRoutes, registerOperationsRoutes, type Mailer, type OperationsMetrics } from './modules/operations/index.js';
import { registerMaintenance } from './http/maintenance.js';
import { createKeyRing, registerShareRoutes, registerSharingRoutes } from './modules/sharing/index.js';
import { registerExchangeRoutes, registerWorkflowRoutes } from './modules/workflow/index.js';
import { registerWebhookRoutes } from './modules/webhooks/index.js';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** Folder of the built portal; defaults to dist/web. */
  portalDir?: string;
  /** The national population database; the simulator until a real adapter is configured. */
  populationRegistry?: PopulationRegistry;
  /** Where scanned documents are kept; defaults to the store the configuration names. */
  documentStore?: DocumentStore;
  /** Prometheus metrics (main.ts shares them with the jobs); defaults to the app's own. */
  metrics?: OperationsMetrics;
  /** Mail transport of notices; defaults to the one the configuration names (SMTP or log). */
  mailer?: Mailer;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** every /api/v1 route with the permission it declares (authorisation matrix) */
    declaredRoutes: DeclaredRoute[];
  }
}

/**
 * Changes approved by another process on the same database (several instances behind a
 * load balancer, a CLI import) arrive as notifications; those this app sent itself (its
 * hub's origin) were handled already and are skipped.
 */
async function relayParcelsChangedFromOtherProcesses(app: FastifyInstance, db: Database, events: AppEvents): Promise<void> {
  const stop = await db.listen(PARCELS_CHANGED_CHANNEL, (payload) => {
    const event = decodeParcelsChanged(payload);
    if (!event) return void app.log.warn({ channel: PARCELS_CHANGED_CHANNEL }, 'unreadable notification ignored');
    if (event.origin !== events.origin) events.parcelsChanged(event);
  });
  // child contexts (the /api/v1 plugin and its children) inherit the hook: stop only once
  let stopping: Promise<void> | undefined;
  app.addHook('onClose', () => (stopping ??= stop()));
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: deps.config.bodyLimit,
    // the client's address and https (secure cookies) come from the proxy when there is one
    trustProxy: deps.config.trustProxy,
    // Keep a caller's request id (one-stop systems send theirs) when it is sane.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hệ thống thông tin đất đai — Land Information System API',
        description: 'API của hệ thống thông tin đất đai cấp tỉnh / provincial land information system API',
        version: '1',
      },
      tags: [
        { name: 'system', description: 'Tình trạng hệ thống / health' },
        { name: 'units', description: 'Đơn vị hành chính / administrative units' },
        { name: 'cadastre', description: 'Địa chính / cadastre' },
        { name: 'auth', description: 'Đăng nhập / authentication' },
        { name: 'administration', description: 'Quản trị hệ thống / system administration' },
        { name: 'maps', description: 'Ô bản đồ vector / vector tiles' },
        { name: 'ogc', description: 'OGC API Features (/ogc): dữ liệu không gian công khai / public spatial data' },
        { name: 'prices', description: 'Giá đất / land prices' },
        { name: 'planning', description: 'Quy hoạch, kế hoạch sử dụng đất / land-use planning' },
        { name: 'statistics', description: 'Thống kê, kiểm kê đất đai và báo cáo / land statistics, inventory and reports' },
        { name: 'documents', description: 'Hồ sơ quét / scanned documents' },
        { name: 'imports', description: 'Nhập dữ liệu nhà thầu / contractor deliveries' },
        { name: 'operations', description: 'Vận hành: sự cố, bảo trì, báo cáo định kỳ / operations: incidents, maintenance, periodic reports' },
        { name: 'sharing', description: 'Chia sẻ dữ liệu với hệ thống khác / data sharing with other systems' },
        { name: 'workflow', description: 'Thủ tục, hồ sơ, thời hạn giải quyết / procedures, dossiers, deadlines' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, deps.db);
  // monitoring (O8) and maintenance mode (I3) see every request, before any route
  registerMetricsRoutes(app, deps.metrics ?? createMetrics({ db: deps.db, clock: deps.clock, paths: { data: deps.config.dataDir, documents: deps.config.documentsDir } }), deps.config.metricsToken);
  const maintenance = await createMaintenanceGate(deps.db, { onError: (error) => app.log.error({ err: error }, 'maintenance modes unreadable') });
  registerMaintenance(app, maintenance);
  // per-route limits only (login); the rest is limited by the body size and schemas
  await app.register(rateLimit, { global: false });
  app.decorate('declaredRoutes', await registerAuth(app, deps));
  const { db, clock } = deps;
  // approved changes tell the tile cache which extents to redraw (cadastre does not know tiles)
  const events = createAppEvents((error) => app.log.error({ err: error }, 'event listener failed'));
  const tiles = createTileService({ db, clock, cacheBytes: deps.config.tileCacheMb * 1024 * 1024 });
  events.onParcelsChanged((event) => tiles.parcelsChanged(event.bboxes));
  await relayParcelsChangedFromOtherProcesses(app, deps.db, events);
  const sharingKeys = createKeyRing({ given: deps.config.sharingSigningKey, keysDir: deps.config.sharingKeysDir }, clock);
  await app.register(
    async (api) => {
      registerAuthRoutes(api, { db, clock, loginRatePerMinute: deps.config.loginRatePerMinute });
      registerAccountRoutes(api, { db, clock });
      registerAuditRoutes(api, { db });
      registerUnitRoutes(api, { db, clock });
      registerCadastreRoutes(api, { db, clock });
      registerChangeRoutes(api, { db, clock, events });
      registerTileRoutes(api, { tiles, clock });
      registerSearchRoutes(api, { db, clock });
      registerVersionRoutes(api, { db, clock });
      registerRecordRoutes(api, { db, clock });
      registerPopulationRoutes(api, { db, clock, registry: deps.populationRegistry ?? createPopulationSimulator() });
      registerPriceRoutes(api, { db, clock });
      registerPlanningRoutes(api, { db, clock });
      registerStatisticsRoutes(api, { db, clock });
      registerWorkflowRoutes(api, { db, clock, changes: { db, clock, events }, lookupRatePerMinute: deps.config.dossierLookupRatePerMinute });
      registerBackupRoutes(api, { ...createBackupDeps(deps.config, db, clock, deps.documentStore ?? createDocumentStore(deps.config)), logger: deps.logger });
      registerSharingRoutes(api, { db, clock, keys: sharingKeys });
      registerWebhookRoutes(api, { db });
      registerDocumentRoutes(api, {
        db, clock, store: deps.documentStore ?? createDocumentStore(deps.config),
        maxBytes: deps.config.documentMaxMb * 1024 * 1024, bulkMaxBytes: deps.config.documentBulkMaxMb * 1024 * 1024,
      });
      registerImportRoutes(api, { db, clock, events, dir: deps.config.importsDir, maxBytes: deps.config.importMaxMb * 1024 * 1024 });
      registerQualityRoutes(api, { db, clock });
      registerOperationsRoutes(api, { db, clock, gate: maintenance, mailer: deps.mailer ?? createMailer({ smtpUrl: deps.config.smtpUrl, from: deps.config.smtpFrom }) });
    },
    { prefix: '/api/v1' },
  );
  // OGC API Features: outside /api/v1, as clients (GDAL, QGIS) expect a landing page of its own
  registerFeatureRoutes(app, { db, clock });
  // data sharing (S-SHARE): /oauth/token and /share, machine authentication only
  await registerShareRoutes(app, { db, clock, keys: sharingKeys, tokenTtlSeconds: deps.config.sharingTokenTtlSeconds });
  // tax notices and one-stop systems (issue #7; P2): /exchange/v1, signed machine calls
  await registerExchangeRoutes(app, { db, clock, changes: { db, clock, events }, taxSecret: deps.config.taxSecret, oneStopSecret: deps.config.oneStopSecret, oneStopWebhookUrl: deps.config.oneStopWebhookUrl,
    documents: { store: deps.documentStore ?? createDocumentStore(deps.config), maxBytes: deps.config.documentMaxMb * 1024 * 1024 } });
  await registerPortal(app, deps.portalDir ?? defaultPortalDir());
  return app;
}
