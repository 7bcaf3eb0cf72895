import type { UpdateConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Presence } from '../health/presence';
import { decideInstall, parseClock, type InstallDecision, type MaintenanceWindow } from './policy';
import type { UpdateState } from './update-state';

/**
 * Between electron-updater (which finds, downloads and verifies a release) and the kiosk (which
 * knows whether anyone is using it): feeds the updater's events into the update state and answers
 * "install now?" with the pure policy over the kiosk's live facts. Runs under plain Node; only
 * main/shell/updater.ts touches Electron.
 */
export interface UpdateCoordinator {
  /** The generic provider's folder for this kiosk's channel. */
  readonly feedUrl: string;
  readonly checkIntervalMs: number;
  onAvailable(version: string): void;
  onNotAvailable(): void;
  onDownloaded(version: string): void;
  onError(e: unknown): void;
  decide(): InstallDecision;
}

export function buildUpdateCoordinator(deps: {
  config: UpdateConfig;
  state: UpdateState;
  presence: Presence;
  citizenSession: () => boolean;
  staffSession: () => boolean;
  /** Outbox rows being sent right now. */
  delivering: () => number;
  now: () => number;
  logger: Logger;
}): UpdateCoordinator {
  const { config, state, logger } = deps;
  const window: MaintenanceWindow | null = config.maintenanceWindow
    ? { startMinute: parseClock(config.maintenanceWindow.start)!, endMinute: parseClock(config.maintenanceWindow.end)! }
    : null;
  let lastWait: string | null = null;
  return {
    feedUrl: `${config.url.replace(/\/+$/, '')}/${config.channel}/`,
    checkIntervalMs: config.checkIntervalMinutes * 60_000,
    onAvailable(version) {
      logger.info('update.available', { version, channel: config.channel });
      state.offered(version);
    },
    onNotAvailable: () => state.current(),
    onDownloaded(version) {
      logger.info('update.downloaded', { version });
      state.downloaded(version);
    },
    onError(e) {
      // The message of an updater error can carry the server's URL and answer: the class is enough here.
      logger.warn('update.error', { error: e instanceof Error ? e.name : typeof e });
    },
    decide() {
      const decision = decideInstall({
        now: deps.now(),
        downloaded: state.isDownloaded(),
        screen: deps.presence.snapshot(),
        citizenSession: deps.citizenSession(),
        staffSession: deps.staffSession(),
        delivering: deps.delivering(),
        idleMinutes: config.idleMinutes,
        window,
      });
      // Say why it waits when the reason changes, not every half minute.
      const why = decision.install ? null : decision.reason;
      if (why !== lastWait && why !== 'nothing_downloaded' && why !== null) logger.info('update.waiting', { reason: why });
      lastWait = why;
      return decision;
    },
  };
}
