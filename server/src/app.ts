// The composition root: builds the Fastify app as a plugin tree and lists every module. Starting the
// process (ports, signals, the MQTT broker) is main.ts's job; tests build this and call app.inject().
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { DEFAULT_COUNTY_TIME_ZONE, countyDate } from '@tiantai/shared';
import { sql, type Kysely } from 'kysely';
import { fastifyTrustProxy, type Config } from './config';
import { withTablesOf, type DbEngine } from './db/connection';
import { PUBLISHED_DEMO_PASSWORD } from './demo/load-demo';
import { registerAuth } from './http/auth';
import { AppError, notFoundBody, registerErrorHandler } from './http/errors';
import { registerHealth } from './http/health';
import { logUrl } from './http/log-url';
import { METRICS_PATH, createMetricsRegistry, registerMetrics, type MetricsRegistry } from './http/metrics';
import { registerOpenApi } from './http/openapi';
import { registerTextInputCheck } from './http/text-input';
import { startJobs, type Job } from './jobs';
import {
  AssetCustodyService,
  AssetService,
  AssetSummaryService,
  PlaceService,
  applyTelemetryCounter,
  assetRoutes,
  type AssetTables,
} from './modules/assets';
import { IdentityService, SESSION_COOKIE, identityRoutes, type IdentityTables } from './modules/identity';
import {
  InspectionRoundService,
  InspectionRouteService,
  MaintenanceKpiService,
  PlanService,
  WorkOrderService,
  WorkOrderAttachmentService,
  WorkOrderChecklistService,
  SparePartService,
  handOverMaintenance,
  inspectionRoutes,
  maintenanceRoutes,
  type InspectionTables,
  type MaintenanceTables,
} from './modules/maintenance';
import { NotificationService, notificationRoutes, type NotificationTables } from './modules/notifications';
import { RegistryService, registryRoutes, type RegistryTables } from './modules/registry';
import {
  RequestAttachmentService,
  RequestSettingsService,
  ServiceRequestService,
  open311Routes,
  serviceRequestRoutes,
  type ServiceRequestTables,
} from './modules/service-requests';
import {
  TelemetryMachineSource,
  createTelemetry,
  registerTelemetryMetrics,
  telemetryRoutes,
  type Telemetry,
  type TelemetryTables,
} from './modules/telemetry';

import { createEventBus, realtimeRoutes, type EventBus } from './modules/realtime';
import { ScreensService, countyProjectsSlot, countyTargetsSlot, screensRoutes, type ScreenTables } from './modules/screens';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ingest side of telemetry, for the MQTT transport that platform.ts starts. */
    telemetry: Telemetry;
  }
}
import { ProjectService, monthsFinished, projectRoutes, projectStatistics, type ProjectTables } from './modules/projects';
import { TargetService, targetProgress, targetRoutes, type TargetTables } from './modules/targets';
import { HomeService, homeRoutes } from './modules/home';

/** Every table of every module: the database as a whole. */
export type Database = IdentityTables &
  RegistryTables &
  ServiceRequestTables &
  NotificationTables &
  AssetTables &
  MaintenanceTables &
  InspectionTables &
  TelemetryTables &
  ScreenTables &
  ProjectTables &
  TargetTables;

export interface AppDeps {
  config: Pick<Config, 'sessionDays' | 'cookieSecure' | 'trustProxy' | 'webDist' | 'logLevel' | 'logFormat' | 'metricsToken'> &
    Partial<Pick<Config, 'telemetryLimits' | 'countyTimeZone'>>;
  db: Kysely<Database>;
  engine: DbEngine;
  mqttMode: 'embedded' | 'external';
  /** The broker half of /api/health: the embedded broker listens, or the external link answers pings. */
  brokerUp: () => boolean;
  /** Where the app's metrics go (platform.ts adds the database's and the broker's to the same registry). */
  metrics?: MetricsRegistry;
  /** Tests: smaller per-address limits than PUBLIC_RATE_LIMITS, to reach them quickly. */
  rateLimits?: Partial<typeof PUBLIC_RATE_LIMITS>;
  /**
   * Periodic jobs (server/src/jobs.ts): 'all', or 'instance' duties only (RUN_JOBS=false: a web-only instance);
   * none in tests that drive them by hand.
   */
  jobs?: 'all' | 'instance';
  /** Jobs the platform adds (scheduled backups), given the app's logger. */
  extraJobs?: (log: FastifyBaseLogger) => Job[];
  /** With PostgreSQL, domain events reach the other instances through LISTEN/NOTIFY on this database. */
  databaseUrl?: string | undefined;
  /** The domain-event bus; built here (and closed with the app) when not given. */
  bus?: EventBus;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Credentials some clients must send in the URL (Open311 api_key, device tokens) stay out of the logs.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: logUrl(req.url),
          remoteAddress: req.ip,
        }),
      },
      ...(deps.config.logFormat === 'pretty' && {
        transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
      }),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await registerSecurityHeaders(app, deps.config.cookieSecure);
  await registerRateLimits(app, deps.rateLimits);
  await app.register(cookie);
  await registerOpenApi(app);
  const metrics = deps.metrics ?? createMetricsRegistry();
  registerMetrics(app, metrics, deps.config.metricsToken);
  // NUL and other control characters in params, query or a parsed body: 400 before any route reads them.
  registerTextInputCheck(app);

  // one domain-event bus for every module; live screens listen on it
  const bus = deps.bus ?? createEventBus({ databaseUrl: deps.engine === 'postgres' ? deps.databaseUrl : undefined, log: app.log });
  if (!deps.bus) app.addHook('onClose', async () => bus.close());
  await bus.ready();
  const publish = bus.publish.bind(bus);

  // The county's clock (COUNTY_TIME_ZONE): the days, months and years the modules count by, and the web's times.
  const timeZone = deps.config.countyTimeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  // modules
  const identity = new IdentityService({
    db: withTablesOf<IdentityTables>(deps.db),
    sessionDays: deps.config.sessionDays,
    localOnlyPassword: PUBLISHED_DEMO_PASSWORD,
  });
  const registry = new RegistryService({ db: withTablesOf<RegistryTables>(deps.db) });
  const notifications = new NotificationService({ db: withTablesOf<NotificationTables>(deps.db), publish });
  const serviceRequestDb = withTablesOf<ServiceRequestTables>(deps.db);
  const serviceRequests = new ServiceRequestService({ db: serviceRequestDb, notifications, publish, timeZone });
  const requestSettings = new RequestSettingsService({ db: serviceRequestDb });
  const requestAttachments = new RequestAttachmentService({ db: serviceRequestDb, requests: serviceRequests });
  const assetDb = withTablesOf<AssetTables>(deps.db);
  const assets = new AssetService({ db: assetDb, publish });
  const assetCustody = new AssetCustodyService({
    db: assetDb,
    hooks: {
      // maintenance follows the asset to its new keeper, in the transaction that moves it
      holderChanged: (trx, change) => handOverMaintenance(trx, change),
      // the receiving enterprise's admins hear of an offer on the bell
      offerMade: async (trx, offer) => {
        const db = withTablesOf<NotificationTables>(trx);
        const admins = await notifications.recipients(db, { roles: ['enterprise_admin'], organisationIds: [offer.toEnterpriseId] });
        const what = offer.role === 'owner' ? '所有权' : '保管';
        return notifications.write(db, admins, {
          kind: 'asset_transfer_offer',
          text: `${offer.fromEnterpriseName} 向贵企业转交${what}：${offer.assetCode} ${offer.assetName}，请接受或拒绝`,
          link: '/assets',
          requestId: null,
        });
      },
    },
  });
  const places = new PlaceService({ db: assetDb });
  const assetSummary = new AssetSummaryService({ db: assetDb });
  const maintenanceDb = withTablesOf<MaintenanceTables>(deps.db);
  const workOrders = new WorkOrderService({ db: maintenanceDb, publish, timeZone });
  const workOrderChecklist = new WorkOrderChecklistService({ db: maintenanceDb });
  const workOrderAttachments = new WorkOrderAttachmentService({ db: maintenanceDb });
  const plans = new PlanService({ db: maintenanceDb, workOrders, timeZone });
  const maintenanceKpis = new MaintenanceKpiService({ db: maintenanceDb, timeZone });
  const spareParts = new SparePartService({ db: maintenanceDb });
  const inspectionDb = withTablesOf<InspectionTables>(deps.db);
  const inspectionRouteService = new InspectionRouteService({ db: inspectionDb });
  const inspectionRoundService = new InspectionRoundService({ db: inspectionDb, workOrders });
  const telemetry = createTelemetry({
    db: deps.db,
    engine: deps.engine,
    ingest: deps.config.telemetryLimits,
    log: app.log,
    hooks: {
      applyCounter: (assetId, counter, raw, at) => applyTelemetryCounter(withTablesOf<AssetTables>(deps.db), assetId, counter, raw, at),
      countersMoved: async (assetIds) => {
        await plans.generateDueWorkOrders(new Date(), assetIds);
      },
      openRepair: (input) => workOrders.reportForAlarm(input),
      notifyAlarm: ({ enterpriseId, severity, text }) =>
        notifications.notifyEnterpriseAdmins(enterpriseId, { kind: `alarm_${severity}`, text, link: '/alarms' }),
      publish,
    },
  });
  app.decorate('telemetry', telemetry);
  registerTelemetryMetrics(metrics, telemetry.ingest);
  app.addHook('onClose', () => telemetry.close());
  const screens = new ScreensService({
    db: withTablesOf<ScreenTables>(deps.db),
    sources: {
      assets,
      places,
      workOrders,
      maintenanceKpis,
      serviceRequests,
      registry,
      machines: new TelemetryMachineSource(deps.db),
      // The county screen's projects and targets: the same functions as their statistics pages.
      projects: async () => {
        const today = countyDate(new Date(), timeZone);
        return countyProjectsSlot(await projectStatistics(deps.db, Number(today.slice(0, 4)), today));
      },
      targets: async () => {
        const today = countyDate(new Date(), timeZone);
        const year = Number(today.slice(0, 4));
        return countyTargetsSlot(await targetProgress(deps.db, year, today), monthsFinished(year, today) / 12);
      },
    },
    publish,
    timeZone,
  });
  const projects = new ProjectService({ db: withTablesOf<ProjectTables>(deps.db), serviceRequests, timeZone });
  const targets = new TargetService({ db: withTablesOf<TargetTables>(deps.db), timeZone });
  // Each role's home page: the person's own work, from the same services as the pages it links to.
  const home = new HomeService({
    sources: {
      serviceRequests,
      registry,
      workOrders,
      plans,
      inspectionRoutes: inspectionRouteService,
      inspectionRounds: inspectionRoundService,
      targets,
      alarms: telemetry.alarms,
      machines: new TelemetryMachineSource(deps.db),
      projectStatistics: (year, today) => projectStatistics(deps.db, year, today),
      targetProgress: (year, today) => targetProgress(deps.db, year, today),
    },
    timeZone,
  });

  registerAuth(app, (request) => identity.resolve(request.headers.authorization, request.cookies[SESSION_COOKIE]), [METRICS_PATH]);
  registerHealth(app, {
    db: deps.engine,
    mqtt: deps.mqttMode,
    queryDatabase: () => sql`select 1`.execute(deps.db),
    brokerUp: deps.brokerUp,
  });
  await app.register(identityRoutes(identity, { cookieSecure: deps.config.cookieSecure, timeZone }));
  await app.register(registryRoutes(registry));
  await app.register(serviceRequestRoutes({ serviceRequests, settings: requestSettings, attachments: requestAttachments }));
  await app.register(notificationRoutes(notifications, bus.subscribe.bind(bus)));
  await app.register(assetRoutes({ assets, custody: assetCustody, places, summary: assetSummary }));
  await app.register(
    maintenanceRoutes({
      plans,
      workOrders,
      checklist: workOrderChecklist,
      attachments: workOrderAttachments,
      kpis: maintenanceKpis,
      spareParts,
    }),
  );
  await app.register(inspectionRoutes({ routes: inspectionRouteService, rounds: inspectionRoundService }));
  await app.register(telemetryRoutes(telemetry));
  await app.register(screensRoutes(screens));
  await app.register(
    realtimeRoutes(bus, {
      kioskAudience: (token) => screens.kioskAudience(token),
      ownsPlant: (request, plantId) => screens.ownsPlant(request.actor!, plantId),
    }),
  );
  await app.register(projectRoutes(projects));
  await app.register(targetRoutes(targets));
  await app.register(homeRoutes(home));
  // Open311 GeoReport v2: api_key is an API token, resolved like a Bearer header.
  await app.register(open311Routes(serviceRequests, deps.db, (apiKey) => identity.resolve(`Bearer ${apiKey}`, undefined)));
  if (deps.jobs) {
    const jobs: Job[] = [
      // SLA clock: escalates overdue requests.
      { name: 'SLA clock', everyMs: 60_000, kind: 'county', run: () => serviceRequests.runClock() },
      // Due plans become work orders; the unique key on plan + due point makes it idempotent.
      { name: 'PM work-order generation', everyMs: 60_000, kind: 'county', run: () => plans.generateDueWorkOrders() },
      ...telemetry.jobs,
      ...(deps.extraJobs?.(app.log) ?? []),
    ];
    const stopJobs = startJobs(jobs, { county: deps.jobs === 'all', log: app.log });
    app.addHook('onClose', stopJobs);
  }

  await serveWebApp(app, deps.config.webDist);
  return app;
}

/**
 * Security headers on every response, hijacked event streams included (helmet writes them on the raw reply).
 * The CSP is what the built web app, the big screens and /api/docs need: scripts only from this origin;
 * inline styles because antd writes its CSS-in-JS as <style> elements; images as data: and blob: URLs (QR
 * labels, photo previews). No upgrade-insecure-requests: a county may run it on plain HTTP inside its
 * network, where that directive would break every page. HSTS only when served over HTTPS (COOKIE_SECURE).
 */
async function registerSecurityHeaders(app: FastifyInstance, https: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    hsts: https ? { maxAge: 180 * 86_400 } : false,
  });
}

/**
 * Per-address limits on what anyone can reach without an account, on top of the login throttle and the
 * per-device rate: a factory's NAT or a device gateway shares one address, so the limits leave it room.
 * Keyed by the client address (X-Forwarded-For only with TRUST_PROXY). Set on the routes by pattern here, so
 * the modules that own them stay unaware of it.
 */
export const PUBLIC_RATE_LIMITS: Record<string, { max: number; timeWindow: number }> = {
  'POST /api/auth/login': { max: 300, timeWindow: 60_000 },
  'POST /open311/v2/requests.:format': { max: 30, timeWindow: 60_000 },
  'POST /api/v1/:token/telemetry': { max: 20_000, timeWindow: 60_000 },
};

async function registerRateLimits(app: FastifyInstance, overrides: AppDeps['rateLimits']): Promise<void> {
  const limits = { ...PUBLIC_RATE_LIMITS, ...overrides };
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const limit = limits[`${method} ${route.url}`];
      if (limit) route.config = { ...route.config, rateLimit: limit };
    }
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'RATE_LIMITED', `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
}

/**
 * The built web app with history fallback: a non-API GET that is not a file gets index.html, so deep
 * links (/enterprises/…) open the app. Everything else that matches no route is a JSON 404.
 */
async function serveWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // Built files under /static/ carry a content hash in their name: cached for good. index.html and the
      // rest are revalidated, so a new release is picked up at the next load.
      cacheControl: false,
      setHeaders: (res, file) =>
        res.header('cache-control', file.startsWith(path.join(webDist, 'static')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  else app.log.warn({ webDist }, 'web app not built; run `npm run build` to serve it');
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/');
    if (hasWeb && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
}
