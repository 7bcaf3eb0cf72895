import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, startBackend } from './backend';
import { installLastResort } from './last-resort';
import { createLogger } from './log';
import { dataFolderRefusal } from './store/data-folder';
import { startWebHost } from './web-host/server';

/**
 * `npm run start:web`: the kiosk backend under plain Node, served with the built renderer on
 * loopback. Prints exactly one `Kiosk ready: <url>` line on stdout when usable; logs go to stderr.
 */
async function main(): Promise<void> {
  const logger = createLogger({ component: 'web', level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const lastResort = installLastResort({ process, logger, exit: (code) => process.exit(code) });
  const here = fileURLToPath(new URL('.', import.meta.url));
  let backend;
  try {
    backend = await startBackend({
      argv: process.argv.slice(2),
      env: process.env,
      defaultDataDir: resolve(process.cwd(), '.kiosk-data'),
      defaultConfigDir: process.cwd(),
      resourcesDir: resolve(here, '../../resources'),
      shell: 'web',
      logger,
    });
  } catch (e) {
    const refused = dataFolderRefusal(e);
    if (refused) {
      process.stderr.write(`${refused.message}\n`);
      process.exit(refused.code);
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`Cấu hình không hợp lệ / Invalid configuration: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }

  lastResort.onStorageFault((e, where) => backend.storage.fault(e, where));

  const host = await startWebHost({
    dispatch: backend.dispatch,
    rendererDir: resolve(here, '../renderer'),
    port: backend.config.web.port,
    logger,
  }).catch(async (e: NodeJS.ErrnoException) => {
    await backend.close();
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`Port ${backend.config.web.port} is in use: pick another with --port N or KIOSK_PORT.\n`);
      process.exit(75);
    }
    throw e;
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('web.stop', { signal });
    void Promise.all([host.close(), backend.close()]).then(() => process.exit(0));
  };
  // Before the ready line: whoever reads it may stop the kiosk at once, and a SIGTERM that
  // arrives before its handler kills the process without closing the database and the lock.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (backend.demo) process.stderr.write(`DEMO mode: built-in provincial API simulator at ${backend.demo.simulatorUrl}\n`);
  process.stdout.write(`Kiosk ready: ${host.url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`Kiosk failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
