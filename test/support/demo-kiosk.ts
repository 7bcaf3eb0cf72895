import { resolve } from 'node:path';
import type { Backend } from '../../main/backend';
import { silentLogger, type Logger } from '../../main/log';
import { fileOnlySealers } from '../../main/keys/sealer';
import { startKiosk } from '../../main/startup/start-kiosk';
import { startDemo } from '../../demo/start';

/**
 * A DEMO kiosk backend in this process, through the same start path the shells take
 * (startup/start-kiosk.ts) with the demo's composition root imported directly instead of loaded
 * from its bundle: its own simulator on loopback unless `env.KIOSK_API_BASE_URL` names one.
 * `config`: a kiosk.config.json to read (`--config`).
 */
export function startDemoKiosk(opts: {
  dir: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  config?: string;
  /** What IT's "export logs" collects (backend.ts). */
  logs?: { dir: string | null; recent: () => readonly string[] };
}): Promise<Backend> {
  return startKiosk({
    argv: opts.config ? ['--demo', '--config', opts.config] : ['--demo'],
    env: opts.env ?? {},
    defaultDataDir: resolve(opts.dir, 'data'),
    defaultConfigDir: opts.dir,
    loadDemo: async () => startDemo,
    keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' },
    shell: 'test',
    logs: opts.logs,
    resourcesDir: resolve('resources'),
    logger: opts.logger ?? silentLogger,
  });
}
