import type { Logger } from '../../log';
import type { CatalogDataset } from './catalog-dataset';

/**
 * Keeps the cached catalogs current without anyone waiting for them: asks the API once at start
 * and then every `intervalMs` (a conditional GET, so an unchanged catalog costs one 304). A
 * failed refresh changes nothing; the cached copy stays in use until a valid new one arrives.
 */
export function startCatalogRefresh(deps: {
  datasets: Record<string, CatalogDataset<unknown>>;
  intervalMs: number;
  logger: Logger;
}): { refreshNow(): Promise<void>; stop(): void } {
  let running: Promise<void> | null = null;

  function refreshNow(): Promise<void> {
    // One round at a time: a slow API must not pile up overlapping refreshes.
    running ??= (async () => {
      for (const [name, dataset] of Object.entries(deps.datasets)) {
        const r = await dataset.get({ refresh: true }).catch(() => null);
        if (!r?.ok) deps.logger.info('catalog.refresh_failed', { dataset: name, code: r ? r.error.code : 'exception' });
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  void refreshNow();
  const timer = setInterval(() => void refreshNow(), deps.intervalMs);
  timer.unref();
  return {
    refreshNow,
    stop: () => clearInterval(timer),
  };
}
