import { configPath, readConfigDoc } from './config-file';
import { exit, type AdminCommand } from './io';

/** `kiosk-admin staff-list`: who has an account (id, role, name); never the hashes. */
export const staffListCommand: AdminCommand = {
  name: 'staff-list',
  usage: 'staff-list [--config <file>]',
  summary: 'List the staff accounts in the config file.',
  async run(io) {
    const doc = readConfigDoc(configPath(io), { create: false });
    if ('problem' in doc) {
      io.stderr.write(`staff-list: ${doc.problem}\n`);
      return exit.config;
    }
    if (doc.staff.length === 0) io.stdout.write(`No staff accounts in ${doc.path}.\n`);
    for (const a of doc.staff) io.stdout.write(`${a.id.padEnd(20)} ${a.role.padEnd(6)} ${a.name}\n`);
    return exit.ok;
  },
};
