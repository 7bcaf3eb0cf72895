import { parseArgs } from 'node:util';
import { buildLogger } from '../main/log';
import { startSimulator } from './server';

/**
 * Standalone provincial API simulator: `--port N` (default 8787), `--host H` (default 127.0.0.1);
 * `--durable-dir D` writes every accepted upload and dossier to D with an fsync, as a real API
 * would keep them (the benchmark's "server writing" drain; durable-bodies.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' }, 'durable-dir': { type: 'string' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`Invalid --port: ${values.port}\n`);
    process.exit(2);
  }
  const logger = buildLogger({ component: 'simulator', level: 'info' });
  const sim = await startSimulator({ port, host: values.host, logger, ...(values['durable-dir'] && { durableDir: values['durable-dir'] }) });
  process.stdout.write(`Simulator ready: ${sim.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('sim.stopping', { signal });
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
