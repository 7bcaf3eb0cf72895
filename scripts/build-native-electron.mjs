#!/usr/bin/env node
/**
 * `npm run native:electron`: builds better-sqlite3 for Electron's ABI into
 * native/electron/better_sqlite3.node, which the store loads when it runs inside Electron.
 *
 * better-sqlite3 talks to V8 directly (not N-API), so one binary serves one runtime. The build in
 * node_modules/better-sqlite3/build stays the plain-Node one that tests and `npm run start:web`
 * need: we compile a copy of the package in a temporary folder and never touch node_modules.
 * node-gyp downloads Electron's headers from electronjs.org, so this needs internet access.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readVersion = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function fail(message) {
  if (work) rmSync(work, { recursive: true, force: true }); // process.exit skips `finally`
  console.error(`\nCould not build better-sqlite3 for Electron: ${message}\n`);
  console.error(
    'This build needs internet access (Electron headers from https://electronjs.org/headers) and a C++\n' +
      'toolchain (Python 3, make and g++ on Linux; Visual Studio Build Tools on Windows).\n' +
      'Tests and `npm run start:web` do not need it: they use the plain-Node build in node_modules.\n',
  );
  process.exit(1);
}

let work = null;
let electronVersion;
let sqliteVersion;
try {
  electronVersion = readVersion('electron');
  sqliteVersion = readVersion('better-sqlite3');
} catch (e) {
  fail(`run npm install first (${e.message})`);
}

work = mkdtempSync(join(tmpdir(), 'kiosk-native-electron-'));
try {
  const pkgDir = join(work, 'better-sqlite3');
  // Without the plain-Node build/ folder, so nothing of it can leak into the Electron build.
  cpSync(join(root, 'node_modules/better-sqlite3'), pkgDir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(root, 'node_modules/better-sqlite3/build')),
  });

  const localGyp = join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  const gypArgs = [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    // Electron's headers are cached apart from Node's (the same folder electron-builder uses).
    `--devdir=${join(homedir(), '.electron-gyp')}`,
  ];
  console.error(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in ${pkgDir}`);
  const result = existsSync(localGyp)
    ? spawnSync(process.execPath, [localGyp, ...gypArgs], { cwd: pkgDir, stdio: 'inherit' })
    : spawnSync('npx', ['--yes', 'node-gyp', ...gypArgs], { cwd: pkgDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`node-gyp ${result.error?.message ?? `exited with ${result.status ?? result.signal}`}`);

  const built = join(pkgDir, 'build/Release/better_sqlite3.node');
  if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing`);
  const outDir = join(root, 'native/electron');
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, join(outDir, 'better_sqlite3.node'));
  // scripts/start-electron.mjs rebuilds when this no longer matches the installed Electron.
  writeFileSync(join(outDir, 'electron-version'), `${electronVersion}\n`);
  console.error(`Wrote native/electron/better_sqlite3.node (Electron ${electronVersion})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
