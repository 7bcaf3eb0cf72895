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
  /** How this shell seals the data key and the device key (keys/sealer.ts); default: owner-only key files. */
  keys?: ShellKeys;
  /** Where the Electron app rotates its log files (export-logs); absent under plain Node. */
  logDir?: string;
  /** An installed kiosk: its configuration is only its own file (no --config, no KIOSK_CONFIG). */
  packaged?: boolean;
}

export interface AdminCommand {
  name: string;
  usage: string;
  summary: string;
  /** The exit code: see `exit`. */
  run(io: AdminIo): Promise<number>;
}

/**
 * What kiosk-admin exits with, so a deployment script can tell a failed check from a typo
 * (sysexits.h numbers where one fits). The README's table lists the same.
 */
export const exit = {
  ok: 0,
  /** A check failed (doctor). */
  failed: 1,
  /** The command line is wrong: unknown command, missing argument. */
  usage: 64,
  /** The input was refused: a PIN that is not one, an enrolment code the API does not take. */
  dataErr: 65,
  /** The provincial API could not be reached or answered wrongly. */
  unavailable: 69,
  /** A file could not be written (the key folder, the export folder). */
  ioError: 74,
  /** The kiosk's configuration is missing, invalid or unsafe (as when the kiosk refuses to start). */
  config: 78,
} as const;

export function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const prefix = `${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
