import type { Logger } from '../log';
import type { UpdateCoordinator } from '../services/update/coordinator';

/**
 * The Electron glue of automatic updates: electron-updater's events go to the coordinator, and
 * every half minute the coordinator's pure policy is asked whether now is a quiet moment to
 * install. Kept thin on purpose (Electron cannot start in CI): the part of electron-updater used
 * here is an interface, so a test drives it with a fake.
 *
 * electron-updater downloads in the background, checks the file's SHA-512 against the channel's
 * latest.yml and, on Windows, that the installer is signed by the publisher named in the app's
 * app-update.yml (from electron-builder's signing configuration) before it emits
 * `update-downloaded`; an unsigned or differently signed installer is an `error` and never runs.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'error', listener: (e: unknown) => void): unknown;
}

export function startAutoUpdate(deps: {
  updater: Updater;
  coordinator: UpdateCoordinator;
  logger: Logger;
  /** How often "install now?" is asked. */
  decideEveryMs?: number;
}): { stop(): void } {
  const { updater, coordinator, logger } = deps;
  updater.autoDownload = true;
  // The policy decides when; never an install behind the kiosk's back at an ordinary quit.
  updater.autoInstallOnAppQuit = false;
  // A rollback is IT publishing an older release on the channel ("pinning"): let it install.
  updater.allowDowngrade = true;
  updater.logger = {
    info: () => undefined,
    warn: () => logger.warn('update.updater_warning'),
    error: () => undefined, // reported through the 'error' event below
  };
  updater.setFeedURL({ provider: 'generic', url: coordinator.feedUrl });
  updater.on('update-available', (info) => coordinator.onAvailable(info.version));
  updater.on('update-not-available', () => coordinator.onNotAvailable());
  updater.on('update-downloaded', (info) => coordinator.onDownloaded(info.version));
  updater.on('error', (e) => coordinator.onError(e));

  const check = () => void updater.checkForUpdates().catch((e: unknown) => coordinator.onError(e));
  check();
  const checkTimer = setInterval(check, coordinator.checkIntervalMs);
  let installing = false;
  const decideTimer = setInterval(() => {
    if (installing) return;
    const decision = coordinator.decide();
    if (!decision.install) return;
    installing = true;
    logger.info('update.installing', { reason: decision.reason });
    // Silent (no NSIS pages on a kiosk), and start the kiosk again afterwards.
    updater.quitAndInstall(true, true);
  }, deps.decideEveryMs ?? 30_000);
  return {
    stop() {
      clearInterval(checkTimer);
      clearInterval(decideTimer);
    },
  };
}
