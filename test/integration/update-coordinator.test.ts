import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UpdateConfig } from '../../main/config/schema';
import { buildLogger } from '../../main/log';
import { buildPresence } from '../../main/services/health/presence';
import { buildUpdateCoordinator } from '../../main/services/update/coordinator';
import { buildUpdateState } from '../../main/services/update/update-state';
import { startAutoUpdate, type Updater } from '../../main/shell/updater';
import { openDatabase } from '../../main/store/db';
import { testEncryption } from '../support/data-key';

/**
 * The update path without Electron: a real SQLite settings table for "behind since", the
 * coordinator over live facts, and the shell glue driven by a fake electron-updater that emits
 * the events the real one does.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-update-'));
  dirs.push(dir);
  return dir;
};

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  logger: Updater['logger'] = null;
  feed: string | null = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  setFeedURL(o: { provider: 'generic'; url: string }) {
    this.feed = o.url;
  }
  async checkForUpdates() {
    this.checks += 1;
    return null;
  }
  quitAndInstall(silent?: boolean, runAfter?: boolean) {
    this.installs.push([silent, runAfter]);
  }
}

describe('update state', () => {
  it('remembers since when the channel offers a newer version across restarts, and forgets it once that version runs', () => {
    const dir = tempDb();
    let t = Date.parse('2027-05-01T00:00:00Z');
    let db = openDatabase(dir, { encryption: testEncryption });
    buildUpdateState({ db, runningVersion: '1.4.0', now: () => t }).offered('1.5.0');
    db.close();

    t += 3 * 86400_000;
    db = openDatabase(dir, { encryption: testEncryption });
    const restarted = buildUpdateState({ db, runningVersion: '1.4.0', now: () => t });
    expect(restarted.health()).toEqual({ behindSeconds: 3 * 86400, available: '1.5.0' });
    restarted.offered('1.5.0');
    expect(restarted.health().behindSeconds).toBe(3 * 86400);
    db.close();

    db = openDatabase(dir, { encryption: testEncryption });
    const updated = buildUpdateState({ db, runningVersion: '1.5.0', now: () => t });
    expect(updated.health()).toEqual({ behindSeconds: 0, available: null });
    db.close();
  });
});

describe('automatic updates, shell glue', () => {
  it('downloads in the background, waits for a quiet start screen and no delivery, then installs silently once', () => {
    vi.useFakeTimers({ now: Date.parse('2027-05-01T03:00:00Z') });
    try {
      const dir = tempDb();
      const db = openDatabase(dir, { encryption: testEncryption });
      const now = () => Date.now();
      const presence = buildPresence({ now });
      let sending = 1;
      const lines: string[] = [];
      const logger = buildLogger({ write: (l) => lines.push(l) });
      const config = UpdateConfig.parse({ url: 'https://updates.example.gov.vn/kiosk-dvc/', channel: 'pilot', idleMinutes: 5 });
      const state = buildUpdateState({ db, runningVersion: '1.4.0', now });
      const coordinator = buildUpdateCoordinator({
        config,
        state,
        presence,
        citizenSession: () => presence.snapshot().state === 'visit',
        staffSession: () => false,
        delivering: () => sending,
        now,
        logger,
      });
      const updater = new FakeUpdater();
      const glue = startAutoUpdate({ updater: updater as unknown as Updater, coordinator, logger, decideEveryMs: 30_000 });

      expect(updater.feed).toBe('https://updates.example.gov.vn/kiosk-dvc/pilot/');
      expect(updater.autoDownload).toBe(true);
      expect(updater.autoInstallOnAppQuit).toBe(false);
      expect(updater.checks).toBe(1);

      updater.emit('update-available', { version: '1.5.0' });
      presence.report('visit');
      updater.emit('update-downloaded', { version: '1.5.0' });
      vi.advanceTimersByTime(10 * 60_000);
      expect(updater.installs).toEqual([]); // a citizen is at the kiosk

      presence.report('start');
      vi.advanceTimersByTime(6 * 60_000);
      expect(updater.installs).toEqual([]); // a dossier is on its way
      expect(lines.some((l) => l.includes('"reason":"delivering"'))).toBe(true);

      sending = 0;
      vi.advanceTimersByTime(60_000);
      expect(updater.installs).toEqual([[true, true]]);
      vi.advanceTimersByTime(10 * 60_000);
      expect(updater.installs).toHaveLength(1);

      vi.advanceTimersByTime(config.checkIntervalMinutes * 60_000);
      expect(updater.checks).toBeGreaterThan(1);
      glue.stop();
      db.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('an updater error is logged by its kind only, and nothing installs', () => {
    vi.useFakeTimers();
    try {
      const dir = tempDb();
      const db = openDatabase(dir, { encryption: testEncryption });
      const lines: string[] = [];
      const logger = buildLogger({ write: (l) => lines.push(l) });
      const presence = buildPresence({ now: Date.now });
      const coordinator = buildUpdateCoordinator({
        config: UpdateConfig.parse({ url: 'https://updates.example.gov.vn/k' }),
        state: buildUpdateState({ db, runningVersion: '1.4.0', now: Date.now }),
        presence,
        citizenSession: () => false,
        staffSession: () => false,
        delivering: () => 0,
        now: Date.now,
        logger,
      });
      const updater = new FakeUpdater();
      const glue = startAutoUpdate({ updater: updater as unknown as Updater, coordinator, logger });
      updater.emit('error', new Error('sha512 checksum mismatch at https://updates.example.gov.vn/k/stable/x.exe'));
      vi.advanceTimersByTime(60 * 60_000);
      expect(updater.installs).toEqual([]);
      const logged = lines.find((l) => l.includes('update.error'))!;
      expect(logged).toContain('"error":"Error"');
      expect(logged).not.toContain('updates.example');
      glue.stop();
      db.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
