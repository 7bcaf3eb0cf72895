import type { Logger } from '../../log';
import type { Staging } from './staging';

/**
 * The citizen's session can end without the renderer saying so (the backend's own idle limit, a
 * window closed or crashed): then that visit's staged files must go too, before the next person
 * stands at the kiosk. So every `intervalMs` (5 s by default), when no citizen is logged in and
 * something is still staged, the staging area is wiped.
 */
export function startStagingJanitor(deps: {
  staging: Pick<Staging, 'count' | 'wipe'>;
  citizenPresent: () => boolean;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  const { staging, logger } = deps;
  const timer = setInterval(() => {
    if (!deps.citizenPresent() && staging.count() > 0) {
      // A failing disk is logged and tried again on the next round.
      void staging.wipe().catch((e: unknown) => logger.warn('attachments.wipe_failed', { error: e instanceof Error ? e.name : typeof e }));
    }
  }, deps.intervalMs ?? 5000);
  // It must not keep a shell that is closing alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
