import { hashPin } from '../services/staff/pin-hash';
import { exit, type AdminCommand } from './io';
import { readPin } from './read-pin';

/** `kiosk-admin hash-pin`: a PIN in, its scrypt hash out, for a `staff` entry written by hand. */
export const hashPinCommand: AdminCommand = {
  name: 'hash-pin',
  usage: 'hash-pin            (the PIN is typed without echo, or piped on stdin)',
  summary: 'Print the scrypt hash of a staff PIN for "pinHash" in kiosk.config.json.',
  async run(io) {
    const read = await readPin(io, 'PIN (6–12 digits / 6–12 chữ số)');
    if (!read.ok) {
      io.stderr.write(`hash-pin: ${read.problem}\n`);
      return exit.dataErr;
    }
    io.stdout.write(`${hashPin(read.pin)}\n`);
    return exit.ok;
  },
};
