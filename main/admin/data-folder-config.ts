import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/load';
import type { KioskConfig } from '../config/schema';
import { fileOnlySealers } from '../keys/sealer';
import { dataFolderRefusal, type DataKeySource } from '../store/data-folder';
import { exit, flag, type AdminIo } from './io';

/**
 * For the commands that work on the data folder (check, backup, restore, acknowledge-damage):
 * the kiosk's configuration found as the kiosk finds it (`--config`, KIOSK_CONFIG, the default
 * folder; `--data-dir` over it), and the data key found the same way. They take the folder's
 * lock, so they refuse while the kiosk runs (exit 73).
 */
export function kioskConfigFor(io: AdminIo, command: string): KioskConfig | number {
  try {
    const dataDirFlag = flag(io.args, '--data-dir');
    return loadConfig({
      argv: io.args,
      env: dataDirFlag ? { ...io.env, KIOSK_DATA_DIR: dataDirFlag } : io.env,
      defaultDataDir: io.defaultDataDir,
      defaultConfigDir: io.defaultConfigDir,
    });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`${command}: ${e.message}\n`);
    return exit.config;
  }
}

/** The data key as the kiosk finds it; never made here unless the folder is a DEMO one. */
export function dataKeyFor(io: AdminIo, config: KioskConfig): DataKeySource {
  return {
    settings: { file: config.dataKey.file ?? null, protection: config.dataKey.protection ?? null },
    env: io.env,
    keys: io.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' },
    demo: !config.api || io.args.includes('--demo'),
  };
}

export const backupDirOf = (config: KioskConfig): string => config.storage.backup.dir ?? join(config.dataDir, 'backups');

/** A refusal (folder held by a running kiosk, damaged data, the data key) as its message and exit code. */
export function refused(io: AdminIo, command: string, e: unknown): number {
  const r = dataFolderRefusal(e);
  if (!r) throw e;
  io.stderr.write(`${command}: ${r.message}\n`);
  return r.code;
}

export const line = (io: AdminIo, text: string): void => void io.stdout.write(`${text}\n`);
