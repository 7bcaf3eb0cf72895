import { StaffAccountConfig } from '../config/schema';
import { DEMO_STAFF } from '../services/staff/accounts';
import { hashPin, pinMatches } from '../services/staff/pin-hash';
import { configPath, readConfigDoc, writeConfigDoc } from './config-file';
import { exit, flag, type AdminCommand } from './io';
import { readPin } from './read-pin';

/**
 * `kiosk-admin staff-add --id lan --name "Nguyễn Thị Lan" --role clerk`: asks for the person's
 * PIN and adds their account to kiosk.config.json. A PIN already used by another account is
 * refused: the PIN alone tells the kiosk who unlocked. So is a PIN of the demo's sample staff: the
 * README publishes them, so anyone could unlock a kiosk set up with one.
 */
export const staffAddCommand: AdminCommand = {
  name: 'staff-add',
  usage: 'staff-add --id <id> --name "<full name>" --role clerk|it [--config <file>]',
  summary: 'Add a person’s staff account (asks for their PIN) to the config file.',
  async run(io) {
    const path = configPath(io);
    const doc = readConfigDoc(path, { create: true });
    if ('problem' in doc) {
      io.stderr.write(`staff-add: ${doc.problem}\n`);
      return exit.config;
    }
    const id = flag(io.args, '--id');
    const shape = StaffAccountConfig.omit({ pinHash: true }).safeParse({ id, name: flag(io.args, '--name'), role: flag(io.args, '--role') });
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      io.stderr.write(`staff-add: --${issue.path.join('.')}: ${issue.message}\nusage: kiosk-admin ${this.usage}\n`);
      return exit.usage;
    }
    if (doc.staff.some((a) => a.id === id)) {
      io.stderr.write(`staff-add: an account "${id}" already exists in ${path} (remove it first with staff-remove)\n`);
      return exit.dataErr;
    }
    const read = await readPin(io, `PIN for ${shape.data.name} (6–12 digits)`);
    if (!read.ok) {
      io.stderr.write(`staff-add: ${read.problem}\n`);
      return exit.dataErr;
    }
    if (DEMO_STAFF.some((d) => d.pin === read.pin)) {
      io.stderr.write('staff-add: this PIN belongs to the demo\'s sample staff and is published in the README; choose another\n');
      return exit.dataErr;
    }
    for (const other of doc.staff) {
      if (await pinMatches(read.pin, other.pinHash)) {
        io.stderr.write('staff-add: another account already uses this PIN; every person needs their own\n');
        return exit.dataErr;
      }
    }
    doc.staff.push({ ...shape.data, pinHash: hashPin(read.pin) });
    await writeConfigDoc(doc);
    io.stdout.write(`Added ${shape.data.role} account "${shape.data.id}" (${shape.data.name}) to ${path}. Restart the kiosk (or deploy the file) for it to take effect.\n`);
    if ('clerkPin' in doc.raw || 'clerkPinHash' in doc.raw) {
      io.stderr.write('staff-add: remove "clerkPin"/"clerkPinHash" from the file: the kiosk refuses the shared PIN\n');
    }
    return exit.ok;
  },
};
