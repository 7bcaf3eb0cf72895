import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load';
import { summariseConfig } from '../services/diagnostics/config-summary';
import { refusalText, StartRefusal } from '../startup/refusal';
import { exit, type AdminCommand } from './io';
import { positional } from './kiosk-config';

/**
 * `kiosk-admin check-config FILE`: reads FILE exactly as a production kiosk would at start (the
 * same schema, the same refusals) without starting anything, touching a key or reading the
 * environment's overrides, so IT can check a file before copying it to the kiosks. Exit 0 and
 * the settings (no secrets) when the kiosk would start with it; 78 and the refusal when not.
 */
export const checkConfigCommand: AdminCommand = {
  name: 'check-config',
  usage: 'check-config FILE',
  summary: 'Check a configuration file as a production kiosk would read it (exit 0: it would start; 78: what to fix).',
  async run(io) {
    const file = positional(io.args)[0];
    if (!file) {
      io.stderr.write('Usage: kiosk-admin check-config FILE — the kiosk.config.json to check.\n');
      return exit.usage;
    }
    const path = resolve(file);
    if (!existsSync(path)) {
      io.stderr.write(`${path}: the file does not exist.\n`);
      return exit.config;
    }
    let config;
    try {
      config = loadConfig({ argv: ['--config', path], env: {}, defaultDataDir: resolve(dirname(path), 'data'), defaultConfigDir: dirname(path) });
    } catch (e) {
      if (!(e instanceof StartRefusal)) throw e;
      io.stderr.write(`${refusalText(e)}\n`);
      return exit.config;
    }
    io.stdout.write(`${path}: a ${config.mode === 'demo' ? 'DEMO' : 'production'} kiosk would start with this configuration.\n\n`);
    for (const { key, value } of summariseConfig(config)) io.stdout.write(`  ${key.padEnd(38)} ${value}\n`);
    const staff = config.staff ?? [];
    const warnings: string[] = [];
    if (config.mode === 'production' && staff.length === 0) warnings.push('no staff accounts: nobody can unlock the clerk functions (kiosk-admin staff-add)');
    if (config.mode === 'production' && !staff.some((s) => s.role === 'it')) warnings.push('no account with role "it": the IT diagnostics screen cannot be opened');
    if (config.mode === 'production' && config.printer.type === 'none') warnings.push('no receipt printer: receipts go to the system printer (Electron) or are shown on screen only');
    if (warnings.length > 0) io.stdout.write(`\nWarnings:\n${warnings.map((w) => `  - ${w}\n`).join('')}`);
    return exit.ok;
  },
};
