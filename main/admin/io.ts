import type { ShellKeys } from '../keys/sealer';

/**
 * What an admin command touches, passed in so a test runs a command with its own streams and
 * folders: the arguments after the command's name, stdin (a terminal or a pipe), stdout/stderr.
 */
export interface AdminStdin extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface AdminIo {
  args: readonly string[];
  stdin: AdminStdin;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Where kiosk.config.json is looked for without --config / KIOSK_CONFIG. */
  defaultConfigDir: string;
  /** The kiosk's data folder when neither --data-dir, KIOSK_DATA_DIR nor the config says. */
  defaultDataDir: string;
  /** Electron only: its own better-sqlite3 build (see store/db.ts). */
  sqliteNativeBinding?: string;
  /** How this shell seals the data key (keys/sealer.ts); default: owner-only key files. */
  keys?: ShellKeys;
}

export interface AdminCommand {
  name: string;
  usage: string;
  summary: string;
  /** The exit code: 0 done, 64 usage error, 65 bad input, 78 configuration problem. */
  run(io: AdminIo): Promise<number>;
}

export const exit = { ok: 0, usage: 64, dataErr: 65, config: 78 } as const;

export function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const prefix = `${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
