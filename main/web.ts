import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installLastResort } from './last-resort';
import { buildLogger, buildLogRing } from './log';
import { dataFolderRefusal } from './store/data-folder';
import { refusalText, StartRefusal } from './startup/refusal';
import { loadDemo } from './startup/demo-parts';
import { fileOnlySealers } from './keys/sealer';
import { startKiosk } from './startup/start-kiosk';
import { startWebHost } from './web-host/server';

/**
 * `npm run start:web`: the kiosk backend under plain Node, served with the built renderer on
 * loopback. Prints exactly one `Kiosk ready: <url>` line on stdout when usable; logs go to stderr.
 * DEMO mode only with `--demo` (the npm script passes it) or `"mode": "demo"`; otherwise it is a
 * production kiosk and refuses to start (exit 78) without a complete configuration.
 */
async function main(): Promise<void> {
  // Logs go to stderr; the last lines are also kept for IT's "export logs".
  const ring = buildLogRing();
  const logger = buildLogger({
    component: 'web',
    level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    write: (line) => {
      process.stderr.write(`${line}\n`);
      ring.push(line);
    },
  });
  const lastResort = installLastResort({ process, logger, exit: (code) => process.exit(code) });
  const here = fileURLToPath(new URL('.', import.meta.url));
  let backend;
  try {
    backend = await startKiosk({
      argv: process.argv.slice(2),
      env: process.env,
      defaultDataDir: resolve(process.cwd(), '.kiosk-data'),
      defaultConfigDir: process.cwd(),
      loadDemo: () => loadDemo(here),
      // No OS key store under plain Node: the device key lives in an owner-only file.
      keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' },
      resourcesDir: resolve(here, '../../resources'),
      shell: 'web',
      logs: { dir: null, recent: ring.lines },
      logger,
    });
  } catch (e) {
    const refused = dataFolderRefusal(e);
    if (refused) {
      process.stderr.write(`${refused.message}\n`);
      process.exit(refused.code);
    }
    if (e instanceof StartRefusal) {
      logger.error('web.start_refused', { code: e.code });
      process.stderr.write(`${refusalText(e)}\n`);
      process.exit(e.exitCode);
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

  if (backend.demo) process.stderr.write(`DEMO mode: ${backend.demo.describe}\n`);
  process.stdout.write(`Kiosk ready: ${host.url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`Kiosk failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
