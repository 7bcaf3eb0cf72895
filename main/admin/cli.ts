import { resolve } from 'node:path';
import { runAdmin } from './index';

/** `npm run kiosk-admin -- <command>`: the admin commands under plain Node (out/main/admin.js). */
void runAdmin(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // The same defaults as `npm run start:web`: kiosk.config.json and .kiosk-data in the current folder.
  defaultConfigDir: process.cwd(),
  defaultDataDir: resolve(process.cwd(), '.kiosk-data'),
}).then((code) => process.exit(code));
