import { join } from 'node:path';
import { loadConfig } from '../config/load';
import type { KioskConfig } from '../config/schema';
import { fileOnlySealers, type ShellKeys } from '../keys/sealer';
import type { DataKeySource } from '../store/data-folder';

/**
 * What every admin command gets: the kiosk's configuration (found as the kiosk finds it:
 * `--config`, KIOSK_CONFIG, the default folder), where to write, and the Electron build of
 * better-sqlite3 when run inside the installed app (`--admin <command>`).
 */
export interface AdminContext {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  defaultDataDir: string;
  defaultConfigDir: string;
  nativeBinding?: string;
  /** How keys are sealed: the OS in the installed app, owner-only files under plain Node. */
  keys?: ShellKeys;
  out(line: string): void;
  err(line: string): void;
}

export interface AdminCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  run(args: readonly string[], ctx: AdminContext): Promise<number>;
}

export function configOf(ctx: AdminContext, args: readonly string[]): KioskConfig {
  return loadConfig({ argv: args, env: ctx.env, defaultDataDir: ctx.defaultDataDir, defaultConfigDir: ctx.defaultConfigDir });
}

export const backupDirOf = (config: KioskConfig): string => config.storage.backup.dir ?? join(config.dataDir, 'backups');

/** `--name value` or `--name=value`. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The data key, found as the kiosk finds it (keys/data-key.ts). */
export function dataKeyOf(ctx: AdminContext, config: KioskConfig, args: readonly string[]): DataKeySource {
  return {
    settings: { file: config.dataKey.file ?? null, protection: config.dataKey.protection ?? null },
    env: ctx.env,
    keys: ctx.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' },
    demo: !config.api || args.includes('--demo'),
  };
}
