#!/usr/bin/env node
/**
 * `npm start`: the kiosk in Electron.
 *
 * `npm install` does not run electron's install script (package.json allowScripts: the binary
 * download would fail the whole install on an offline machine), so the binary is fetched here,
 * on first start. Where it cannot be fetched we say so plainly and point to `npm run start:web`,
 * which runs the same kiosk in any Chromium.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function run(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0 ? null : `${label} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`;
}

function electronBinary() {
  if (run('electron install.js', [join(root, 'node_modules/electron/install.js')]) !== null) return null;
  try {
    // Outside Electron, require('electron') returns the binary's path; it throws when absent.
    return require('electron');
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (typeof electron !== 'string' || !existsSync(electron)) {
  console.error(
    '\nElectron could not be fetched on this machine (its download needs internet access).\n' +
      'Run the same kiosk in a browser instead:  npm run start:web\n',
  );
  process.exit(1);
}

// better-sqlite3(-multiple-ciphers) is compiled against one runtime's ABI; node_modules holds the
// plain-Node build (tests, start:web), native/electron the Electron one. Rebuild it when Electron
// or the SQLite package changed (scripts/native-electron.mjs writes the stamp).
const versionOf = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const nativeStamp = `${versionOf('electron')} better-sqlite3-multiple-ciphers@${versionOf('better-sqlite3-multiple-ciphers')}`;
const stamp = join(root, 'native/electron/electron-version');
const nativeCurrent =
  existsSync(join(root, 'native/electron/better_sqlite3.node')) &&
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8').trim() === nativeStamp;
if (!nativeCurrent) {
  const failed = run('scripts/native-electron.mjs', [join(root, 'scripts/native-electron.mjs')]);
  if (failed) {
    console.error(`\n${failed}. The kiosk cannot open its database in Electron without it.\n`);
    process.exit(1);
  }
}

const built = run('electron-vite build', [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
if (built) {
  console.error(`\n${built}.\n`);
  process.exit(1);
}

// ELECTRON_RUN_AS_NODE left over in a shell would start a bare Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => {
  console.error(`Could not start Electron: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
