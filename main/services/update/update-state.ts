import type { KioskHealth } from '../../../common/provincial/heartbeat-schemas';
import type { Db } from '../../store/db';
import { buildSettingsRepository } from '../../store/kiosk-identity';

/**
 * What the kiosk knows about its update channel: which version the channel offers, since when
 * (kept in SQLite, so a kiosk that restarts without installing stays "behind" for as long as it
 * really is), and whether it is downloaded. A channel that offers the running version — or an
 * older one IT pinned for a rollback, once installed — is current.
 */
const KEY = 'update.available';

interface Offered {
  version: string;
  since: number;
}

export interface UpdateState {
  /** The channel offers `version` (electron-updater's update-available). */
  offered(version: string): void;
  /** The channel offers nothing newer than what runs. */
  current(): void;
  downloaded(version: string): void;
  isDownloaded(): boolean;
  health(): NonNullable<KioskHealth['update']>;
}

export function buildUpdateState(deps: { db: Db; runningVersion: string; now: () => number }): UpdateState {
  const settings = buildSettingsRepository(deps.db);
  const read = (): Offered | null => {
    try {
      const v = JSON.parse(settings.get(KEY) ?? 'null') as Offered | null;
      return v && typeof v.version === 'string' && typeof v.since === 'number' ? v : null;
    } catch {
      return null;
    }
  };
  const write = (v: Offered | null) => settings.put(KEY, JSON.stringify(v));
  let offered = read();
  // Installed since it was first offered: this kiosk is current again.
  if (offered?.version === deps.runningVersion) {
    offered = null;
    write(null);
  }
  let downloadedVersion: string | null = null;
  return {
    offered(version) {
      if (version === deps.runningVersion) return this.current();
      if (offered?.version === version) return;
      offered = { version, since: deps.now() };
      write(offered);
    },
    current() {
      downloadedVersion = null;
      if (offered === null) return;
      offered = null;
      write(null);
    },
    downloaded(version) {
      this.offered(version);
      downloadedVersion = version;
    },
    isDownloaded: () => downloadedVersion !== null && downloadedVersion === offered?.version,
    health: () => ({
      behindSeconds: offered ? Math.max(0, (deps.now() - offered.since) / 1000) : 0,
      available: offered?.version ?? null,
    }),
  };
}
