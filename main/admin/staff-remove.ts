import { configPath, readConfigDoc, writeConfigDoc } from './config-file';
import { exit, flag, type AdminCommand } from './io';

/** `kiosk-admin staff-remove --id lan`: someone left or lost their PIN. Their audit entries stay. */
export const staffRemoveCommand: AdminCommand = {
  name: 'staff-remove',
  usage: 'staff-remove --id <id> [--config <file>]',
  summary: 'Remove a staff account from the config file (their past actions stay in the audit log).',
  async run(io) {
    const id = flag(io.args, '--id');
    if (!id) {
      io.stderr.write(`usage: kiosk-admin ${this.usage}\n`);
      return exit.usage;
    }
    const doc = readConfigDoc(configPath(io), { create: false });
    if ('problem' in doc) {
      io.stderr.write(`staff-remove: ${doc.problem}\n`);
      return exit.config;
    }
    const before = doc.staff.length;
    doc.staff = doc.staff.filter((a) => a.id !== id);
    if (doc.staff.length === before) {
      io.stderr.write(`staff-remove: no account "${id}" in ${doc.path}\n`);
      return exit.dataErr;
    }
    await writeConfigDoc(doc);
    io.stdout.write(`Removed "${id}" from ${doc.path}. Restart the kiosk (or deploy the file) for it to take effect.\n`);
    return exit.ok;
  },
};
