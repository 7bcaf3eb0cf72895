import { loadConfig } from '../config/load';
import type { KioskConfig } from '../config/schema';
import { fileOnlySealers, type ShellKeys } from '../keys/sealer';
import { refusalText, StartRefusal } from '../startup/refusal';
import { exit, type AdminIo } from './io';

/**
 * The kiosk's configuration as the kiosk itself would read it (same file, same environment, same
 * refusals), for commands that act on this kiosk. `--config FILE` picks another file, except in
 * an installed kiosk, where the file is the one the installer protects.
 */
export function kioskConfig(io: AdminIo): { ok: true; config: KioskConfig } | { ok: false; code: number } {
  if (io.packaged && (io.args.some((a) => a === '--config' || a.startsWith('--config=')) || io.env.KIOSK_CONFIG)) {
    io.stderr.write('An installed kiosk reads only its own configuration file: --config and KIOSK_CONFIG are not accepted.\n');
    return { ok: false, code: exit.usage };
  }
  try {
    return { ok: true, config: loadConfig({ argv: io.args, env: io.env, defaultDataDir: io.defaultDataDir, defaultConfigDir: io.defaultConfigDir }) };
  } catch (e) {
    if (e instanceof StartRefusal) {
      io.stderr.write(`${refusalText(e)}\n`);
      return { ok: false, code: exit.config };
    }
    throw e;
  }
}

export const shellKeys = (io: AdminIo): ShellKeys => io.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' };

/** The arguments that are not flags (`--config FILE` and its value removed). */
export function positional(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--config' || a === '--data-dir' || a === '--log-dir' || a === '--last') i++;
    else if (!a.startsWith('--')) out.push(a);
  }
  return out;
}
