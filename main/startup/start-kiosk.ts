import { loadConfig, type ConfigSources } from '../config/load';
import type { Logger } from '../log';
import { startBackend, type Backend } from '../backend';
import type { StartDemo } from './demo-parts';
import type { ShellKeys } from '../keys/sealer';
import { openDeviceKey } from './device-key';

/**
 * What both shells do first: read the configuration and decide the mode; in production open the
 * kiosk's own device key (made on first start), in DEMO mode (only when asked) start the demo's
 * parts from their own bundle; then the backend. A StartRefusal (exit 78) when production lacks
 * what it needs; the demo's parts are stopped if the backend cannot start, and with it otherwise.
 */
export async function startKiosk(
  opts: ConfigSources & {
    /** How this entry reaches the demo's composition root (demo-parts.ts `loadDemo`; tests import it). */
    loadDemo: () => Promise<StartDemo>;
    /** How this shell can seal the device key, and which protection it uses when the config does not say. */
    keys: ShellKeys;
    /** The repo's or the install's resources/ (the demo's sample documents). */
    resourcesDir: string;
    sqliteNativeBinding?: string;
    /** Which shell runs it (`web`, `electron`): named to a second process on the same data folder. */
    shell: string;
    /** What IT's "export logs" collects (backend.ts). */
    logs?: { dir: string | null; recent: () => readonly string[] };
    logger: Logger;
  },
): Promise<Backend> {
  const { logger } = opts;
  const config = loadConfig(opts);
  const deviceKey = config.mode === 'production' ? openDeviceKey(config, opts.keys) : null;
  const startDemo = config.mode === 'demo' ? await opts.loadDemo() : null;
  const demo = startDemo ? await startDemo({ config, resourcesDir: opts.resourcesDir, logger }) : null;
  let backend: Backend;
  try {
    backend = await startBackend({
      config,
      demo,
      deviceKey,
      keys: opts.keys,
      env: opts.env,
      sqliteNativeBinding: opts.sqliteNativeBinding,
      shell: opts.shell,
      logs: opts.logs,
      logger,
    });
  } catch (e) {
    await demo?.close().catch(() => undefined);
    throw e;
  }
  return {
    ...backend,
    async close() {
      await backend.close();
      await demo?.close();
    },
  };
}
