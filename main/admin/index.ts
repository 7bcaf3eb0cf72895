import { acknowledgeDamageCommand } from './acknowledge-damage';
import { auditCommand } from './audit';
import { backupCommand } from './backup';
import { checkCommand } from './check';
import { checkConfigCommand } from './check-config';
import { doctorCommand } from './doctor';
import { exportLogsCommand } from './export-logs';
import { enrolCommand } from './enrol';
import { hashPinCommand } from './hash-pin';
import { rotateKeyCommand } from './rotate-key';
import { restoreCommand } from './restore';
import { exit, type AdminCommand, type AdminIo } from './io';
import { staffAddCommand } from './staff-add';
import { staffListCommand } from './staff-list';
import { staffRemoveCommand } from './staff-remove';

export type { AdminIo } from './io';

/**
 * `kiosk-admin <command>`: IT's commands, one file per command. Under Node it is
 * `npm run kiosk-admin -- <command>` (out/main/admin.js); in the installed app,
 * `kiosk-dvc --admin <command>`.
 */
export const adminCommands: readonly AdminCommand[] = [
  doctorCommand,
  checkConfigCommand,
  enrolCommand,
  exportLogsCommand,
  hashPinCommand,
  staffAddCommand,
  staffListCommand,
  staffRemoveCommand,
  auditCommand,
  rotateKeyCommand,
  // The data folder (store/): its check, backups, and what to do when it is damaged.
  checkCommand,
  backupCommand,
  restoreCommand,
  acknowledgeDamageCommand,
];

export async function runAdmin(argv: readonly string[], io: Omit<AdminIo, 'args'>): Promise<number> {
  const [name, ...args] = argv;
  const command = adminCommands.find((c) => c.name === name);
  if (!command) {
    const out = name === undefined || name === 'help' || name === '--help' ? io.stdout : io.stderr;
    if (name !== undefined && name !== 'help' && name !== '--help') out.write(`Unknown command "${name}".\n`);
    out.write('Usage: kiosk-admin <command>\n\n');
    for (const c of adminCommands) out.write(`  ${c.usage}\n      ${c.summary}\n`);
    return name === undefined || name === 'help' || name === '--help' ? exit.ok : exit.usage;
  }
  try {
    return await command.run({ ...io, args });
  } catch (e) {
    io.stderr.write(`${command.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
