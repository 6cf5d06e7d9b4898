// The composition root: builds the Fastify app as a plugin tree and lists every module. Starting the
// process (ports, signals, the MQTT broker) is main.ts's job; tests build this and call app.inject().
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { healthView } from '@tiantai/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from './config';
import { withTablesOf, type DbEngine } from './db/connection';
import { registerAuth } from './http/auth';
import { notFoundBody, registerErrorHandler } from './http/errors';
import { registerOpenApi } from './http/openapi';
import { AssetService, applyTelemetryCounter, assetRoutes, type AssetTables } from './modules/assets';
import { IdentityService, SESSION_COOKIE, identityRoutes, type IdentityTables } from './modules/identity';
import {
  InspectionService,
  MaintenanceService,
  inspectionRoutes,
  maintenanceRoutes,
  type InspectionTables,
  type MaintenanceTables,
} from './modules/maintenance';
import { RegistryService, registryRoutes, type RegistryTables } from './modules/registry';
import { ServiceRequestService, open311Routes, serviceRequestRoutes, type ServiceRequestTables } from './modules/service-requests';
import { TelemetryMachineSource, createTelemetry, telemetryRoutes, type Telemetry, type TelemetryTables } from './modules/telemetry';

import { createEventBus, realtimeRoutes, type EventBus } from './modules/realtime';
import { ScreensService, countyProjectsSlot, countyTargetsSlot, screensRoutes, type ScreenTables } from './modules/screens';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ingest side of telemetry, for the MQTT transport that platform.ts starts. */
    telemetry: Telemetry;
  }
}
import {
  ProjectService,
  chinaDate,
  chinaYear,
  monthsFinished,
  projectRoutes,
  projectStatistics,
  type ProjectTables,
} from './modules/projects';
import { TargetService, targetProgress, targetRoutes, type TargetTables } from './modules/targets';

/** Every table of every module: the database as a whole. */
export type Database = IdentityTables &
  RegistryTables &
  ServiceRequestTables &
  AssetTables &
  MaintenanceTables &
  InspectionTables &
  TelemetryTables &
  ScreenTables &
  ProjectTables &
  TargetTables;

export interface AppDeps {
  config: Pick<Config, 'sessionDays' | 'cookieSecure' | 'trustProxy' | 'webDist' | 'logLevel' | 'logFormat'>;
  db: Kysely<Database>;
  engine: DbEngine;
  mqttMode: 'embedded' | 'external';
  /** Background jobs (the SLA clock, PM work-order generation); off in tests that drive them by hand. */
  runJobs?: boolean;
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
      // Open311 clients put their api_key in the query string: keep it out of the logs.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: req.url.replace(/([?&](?:api_key|token)=)[^&]*/g, '$1[redacted]'),
          remoteAddress: req.ip,
        }),
      },
      ...(deps.config.logFormat === 'pretty' && {
        transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
      }),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(cookie);
  await registerOpenApi(app);

  // one domain-event bus for every module; live screens listen on it
  const bus = deps.bus ?? createEventBus({ databaseUrl: deps.engine === 'postgres' ? deps.databaseUrl : undefined, log: app.log });
  if (!deps.bus) app.addHook('onClose', async () => bus.close());
  await bus.ready();
  const publish = bus.publish.bind(bus);

  // modules
  const identity = new IdentityService(deps.db, deps.config.sessionDays);
  const registry = new RegistryService(deps.db);
  const serviceRequests = new ServiceRequestService(deps.db, undefined, publish);
  const assets = new AssetService(deps.db, publish);
  const maintenance = new MaintenanceService(deps.db, undefined, publish);
  const inspection = new InspectionService(deps.db, maintenance);
  const telemetry = createTelemetry({
    db: deps.db,
    engine: deps.engine,
    log: app.log,
    hooks: {
      applyCounter: (assetId, counter, raw, at) => applyTelemetryCounter(withTablesOf<AssetTables>(deps.db), assetId, counter, raw, at),
      countersMoved: async (assetIds) => {
        await maintenance.generateDueWorkOrders(new Date(), assetIds);
      },
      openRepair: (input) => maintenance.reportForAlarm(input),
      notifyAlarm: ({ enterpriseId, severity, text }) =>
        serviceRequests.notifyEnterpriseAdmins(enterpriseId, { kind: `alarm_${severity}`, text, link: '/alarms' }),
      publish,
    },
  });
  app.decorate('telemetry', telemetry);
  app.addHook('onClose', () => telemetry.close());
  const screens = new ScreensService(
    deps.db,
    {
      assets,
      maintenance,
      serviceRequests,
      registry,
      machines: new TelemetryMachineSource(deps.db),
      // The county screen's projects and targets: the same functions as their statistics pages.
      projects: async () => countyProjectsSlot(await projectStatistics(deps.db, chinaYear(new Date()))),
      targets: async () => {
        const year = chinaYear(new Date());
        return countyTargetsSlot(await targetProgress(deps.db, year), monthsFinished(year, chinaDate(new Date())) / 12);
      },
    },
    publish,
  );
  const projects = new ProjectService(deps.db, serviceRequests);
  const targets = new TargetService(deps.db);

  registerAuth(app, (request) => identity.resolve(request.headers.authorization, request.cookies[SESSION_COOKIE]));

  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/health', { schema: { tags: ['platform'], response: { 200: healthView } } }, async () => ({
      status: 'ok' as const,
      db: deps.engine,
      mqtt: deps.mqttMode,
    }));
  await app.register(identityRoutes(identity, { cookieSecure: deps.config.cookieSecure }));
  await app.register(registryRoutes(registry));
  await app.register(serviceRequestRoutes(serviceRequests, bus.subscribe.bind(bus)));
  await app.register(assetRoutes(assets));
  await app.register(maintenanceRoutes(maintenance));
  await app.register(inspectionRoutes(inspection));
  await app.register(telemetryRoutes(telemetry.service, telemetry.ingest));
  await app.register(screensRoutes(screens));
  await app.register(
    realtimeRoutes(bus, {
      kioskAudience: (token) => screens.kioskAudience(token),
      ownsPlant: (request, plantId) => screens.ownsPlant(request.actor!, plantId),
    }),
  );
  await app.register(projectRoutes(projects));
  await app.register(targetRoutes(targets));
  // Open311 GeoReport v2: api_key is an API token, resolved like a Bearer header.
  await app.register(open311Routes(serviceRequests, deps.db, (apiKey) => identity.resolve(`Bearer ${apiKey}`, undefined)));
  if (deps.runJobs) {
    // SLA clock: escalates overdue requests; idempotent, so every instance may run it.
    const clock = setInterval(() => {
      serviceRequests.runClock().catch((error: unknown) => app.log.error({ err: error }, 'SLA clock failed'));
    }, 60_000);
    // PM generation: due plans become work orders; the unique key on plan + due point makes it idempotent.
    const pm = setInterval(() => {
      maintenance.generateDueWorkOrders().catch((error: unknown) => app.log.error({ err: error }, 'PM generation failed'));
    }, 60_000);
    const stopTelemetryJobs = telemetry.startJobs();
    app.addHook('onClose', async () => {
      clearInterval(clock);
      clearInterval(pm);
      stopTelemetryJobs();
    });
  }

  await serveWebApp(app, deps.config.webDist);
  return app;
}

/**
 * The built web app with history fallback: a non-API GET that is not a file gets index.html, so deep
 * links (/enterprises/…) open the app. Everything else that matches no route is a JSON 404.
 */
async function serveWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  else app.log.warn({ webDist }, 'web app not built; run `npm run build` to serve it');
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/');
    if (hasWeb && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
}
