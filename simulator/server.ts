import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { silentLogger, type Logger } from '../main/log';
import { buildAccountStore } from './accounts';
import { buildAuth } from './auth';
import { buildSimClock, type SimClock } from './clock';
import { installDurableBodies } from './durable-bodies';
import { failure } from './failure';
import { buildFaults, installFaults } from './faults';
import { sendFailure } from './http';
import { registerAuthRoutes } from './routes/v1-auth';
import { registerSimControls } from './routes/sim-controls';
import { registerRegistrationRoutes } from './routes/v1-registration';
import { registerRegistrationSimControls } from './routes/sim-registration-controls';
import { buildSimCatalog } from './catalog';
import { buildComplaintLedger } from './complaints';
import { buildRegistration } from './registration';
import { buildSmsGateway } from './sms';
import { buildSimCaptcha } from './captcha';
import { buildSimProcedureCatalog } from './procedure-catalog';
import { registerProcedureRoutes, registerProcedureSimControls } from './routes/v1-procedures';
import { buildDeviceRegistry } from './devices';
import { installDeviceAuth } from './device-auth';
import { registerDeviceRoutes, registerDeviceSimControls } from './routes/v1-devices';
import { buildIntakeStore } from './intake';
import { buildDossierStatusBoard } from './dossier-status';
import { registerDossierStatusRoutes } from './routes/v1-dossier-status';
import { registerDossierRoutes, registerLedgerRoute } from './routes/v1-dossiers';
import { buildHeartbeatLog } from './heartbeats';
import { buildSimWorkCalendar } from './work-calendar';
import { registerHeartbeatSimControls, registerKioskRoutes } from './routes/v1-kiosks';

export type { SimClock } from './clock';

export interface RunningSimulator {
  url: string;
  port: number;
  clock: SimClock;
  close(): Promise<void>;
}

export interface SimulatorApp {
  app: FastifyInstance;
  clock: SimClock;
  /** Every route registered, as fastify saw it (the contract test compares them to openapi.yaml). */
  routes: ReadonlyArray<{ method: string; url: string }>;
}

export const BODY_LIMIT_BYTES = 16 * 1024;

/** Why fastify refused a body before any route ran, said the way a client developer needs it. */
function describeParseError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `Request body is larger than ${BODY_LIMIT_BYTES} bytes.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Content-Type must be application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body must be a JSON object.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'Request body is not valid JSON.';
    default:
      return 'Malformed request.';
  }
}

export function buildSimulatorApp(opts: { now?: Date; logger?: Logger; durableDir?: string } = {}): SimulatorApp {
  const logger = opts.logger ?? silentLogger;
  const clock = buildSimClock(opts.now);
  const sms = buildSmsGateway(clock);
  const accounts = buildAccountStore();
  const faults = buildFaults();
  const auth = buildAuth({ clock, accounts, sms, logger });
  const devices = buildDeviceRegistry(clock);
  const intake = buildIntakeStore(clock);
  const statusBoard = buildDossierStatusBoard({ clock, intake });
  const catalog = buildSimCatalog();
  const procedureCatalog = buildSimProcedureCatalog();
  const captcha = buildSimCaptcha(clock);
  const complaints = buildComplaintLedger(clock);
  const heartbeats = buildHeartbeatLog(clock);
  const workCalendar = buildSimWorkCalendar();
  const registration = buildRegistration({ clock, accounts, sms, catalog: catalog.current, logger });

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true });
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });

  // Only the route template and numbers: URLs can carry a phone number (/__sim/sms?to=…).
  app.addHook('onResponse', async (request, reply) => {
    logger.debug('sim.request', {
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendFailure(reply, failure(400, 'invalid_request', describeParseError(error)));
    }
    logger.error('sim.unhandled_error', { errorName: error.name, errorCode: error.code });
    return sendFailure(reply, failure(500, 'internal', 'Internal server error.'));
  });
  app.setNotFoundHandler((_request, reply) => sendFailure(reply, failure(404, 'invalid_request', 'Unknown route.')));

  installFaults(app, faults, { logger });
  installDeviceAuth(app, { devices, clock });
  // After the device's signature is checked: a refused request is not kept.
  if (opts.durableDir) installDurableBodies(app, opts.durableDir);
  registerAuthRoutes(app, { auth, clock });
  registerDeviceRoutes(app, { devices });
  registerDeviceSimControls(app, { devices });
  registerDossierRoutes(app, { intake, faults });
  registerLedgerRoute(app, { intake });
  registerKioskRoutes(app, { heartbeats });
  registerHeartbeatSimControls(app, { heartbeats });
  registerDossierStatusRoutes(app, { board: statusBoard });
  registerRegistrationRoutes(app, { registration, complaints, catalog });
  registerRegistrationSimControls(app, { complaints, catalog });
  registerProcedureRoutes(app, { catalog: procedureCatalog, captcha, workCalendar });
  registerProcedureSimControls(app, { catalog: procedureCatalog, captcha, workCalendar });
  registerSimControls(app, {
    clock,
    sms,
    faults,
    reset() {
      accounts.reset();
      auth.reset();
      intake.reset();
      statusBoard.reset();
      devices.reset();
      registration.reset();
      complaints.reset();
      catalog.reset();
      procedureCatalog.reset();
      captcha.reset();
      heartbeats.reset();
      workCalendar.reset();
      sms.reset();
      faults.reset();
      clock.set(new Date());
      logger.info('sim.reset');
    },
  });

  return { app, clock, routes };
}

export async function startSimulator(
  opts: { port?: number; host?: string; now?: Date; logger?: Logger; durableDir?: string } = {},
): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const { app, clock } = buildSimulatorApp(opts);
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator is not listening on TCP');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  (opts.logger ?? silentLogger).info('sim.started', { port: address.port });
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    clock,
    close: async () => {
      await app.close();
    },
  };
}
