import { ConfigError, loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { createDispatcher, type Handlers } from './api/dispatch';
import { buildAuthApi } from './api/auth-api';
import { buildKioskInfoApi } from './api/kiosk-info-api';
import type { Logger } from './log';
import { buildPortalAccountProvider } from './services/accounts/portal-account-provider';
import { buildCitizenSessions } from './services/accounts/session';
import { buildDemoPhone } from './services/demo/demo-phone';
import { createProvincialClient } from './services/provincial-api/client';
import { openDatabase } from './store/db';
import { ensureInstallationId } from './store/kiosk-identity';
import { startSimulator } from '../simulator/server';

export { ConfigError };

export interface Backend {
  config: KioskConfig;
  demo: { simulatorUrl: string } | null;
  dispatch(method: unknown, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Wires the kiosk in one visible place: config → store → provincial API (or the built-in
 * simulator in demo mode) → services → the API object both transports serve.
 */
export async function startBackend(opts: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  defaultDataDir: string;
  defaultConfigDir?: string;
  /** Electron only: its own better-sqlite3 build (see store/db.ts). */
  sqliteNativeBinding?: string;
  logger: Logger;
}): Promise<Backend> {
  const { logger } = opts;
  const config = loadConfig({
    argv: opts.argv,
    env: opts.env,
    defaultDataDir: opts.defaultDataDir,
    defaultConfigDir: opts.defaultConfigDir ?? opts.defaultDataDir,
  });

  const db = openDatabase(config.dataDir, { nativeBinding: opts.sqliteNativeBinding });
  ensureInstallationId(db);

  const simulator = config.api ? null : await startSimulator({ port: 0 });
  const baseUrl = config.api?.baseUrl ?? simulator!.url;
  logger.info('backend.start', { kioskId: config.kioskId, demo: simulator !== null });

  const client = createProvincialClient({
    baseUrl,
    timeoutMs: config.api?.timeoutMs ?? 15_000,
    logger,
    userAgent: `kiosk-dvc/${config.kioskId}`,
  });
  const sessions = buildCitizenSessions({ now: Date.now, idleTimeoutSeconds: config.idleTimeoutSeconds });
  const identity = buildPortalAccountProvider(client);
  const api: Handlers = {
    ...buildKioskInfoApi({ config, demoPhone: simulator ? buildDemoPhone(simulator.url) : null }),
    ...buildAuthApi({ identity, sessions }),
  };

  return {
    config,
    demo: simulator ? { simulatorUrl: simulator.url } : null,
    dispatch: createDispatcher(api, logger),
    async close() {
      await sessions.end();
      await simulator?.close();
      db.close();
    },
  };
}
