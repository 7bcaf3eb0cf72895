#!/usr/bin/env node
/**
 * `npm run native:electron`: the database module — better-sqlite3-multiple-ciphers, better-sqlite3
 * with SQLite3 Multiple Ciphers (the kiosk's database is encrypted) — for Electron's ABI, by the
 * standard route: @electron/rebuild, which takes the prebuilt binary the package publishes for this Electron
 * version when there is one (prebuild-install) and compiles against Electron's headers with
 * node-gyp when there is not. Written to native/electron/better_sqlite3.node; the store passes that
 * path to better-sqlite3's `nativeBinding` inside Electron (main/index.ts).
 *
 * node_modules keeps the plain-Node build that tests and `npm run start:web` load: better-sqlite3
 * talks to V8 directly, so one binary cannot serve both, and @electron/rebuild would otherwise
 * rebuild node_modules in place. It works on a staged copy in native/.stage instead (inside the
 * repo, so the copy still finds prebuild-install and node-gyp in the root node_modules).
 * Needs internet access once (the prebuilt binary, or Electron's headers).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The SQLite module the kiosk loads (main/store/cipher.ts); its binary is better_sqlite3.node. */
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

/**
 * @param {{ root?: string, rebuild?: (o: object) => Promise<unknown>, log?: (m: string) => void }} [opts]
 * @returns {Promise<{ file: string, electronVersion: string }>}
 */
export async function buildNativeForElectron(opts = {}) {
  const root = opts.root ?? resolve(here, '..');
  const log = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const electronVersion = version('electron');
  const sqliteVersion = version(SQLITE_PACKAGE);
  const rebuild = opts.rebuild ?? (await import('@electron/rebuild')).rebuild;

  const stage = join(root, 'native', '.stage');
  rmSync(stage, { recursive: true, force: true });
  const pkgDir = join(stage, 'node_modules', SQLITE_PACKAGE);
  mkdirSync(dirname(pkgDir), { recursive: true });
  // The package without its plain-Node build/, so nothing of that build can end up in Electron's.
  const nodeBuild = join(root, 'node_modules', SQLITE_PACKAGE, 'build');
  cpSync(join(root, 'node_modules', SQLITE_PACKAGE), pkgDir, { recursive: true, filter: (src) => !src.startsWith(nodeBuild) });
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({ name: 'kiosk-native-stage', private: true, version: '0.0.0', dependencies: { [SQLITE_PACKAGE]: sqliteVersion } }, null, 2),
  );
  try {
    log(`Building ${SQLITE_PACKAGE} ${sqliteVersion} for Electron ${electronVersion} (@electron/rebuild)`);
    await rebuild({ buildPath: stage, electronVersion, onlyModules: [SQLITE_PACKAGE], force: true, mode: 'sequential' });
    const built = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing`);
    const outDir = join(root, 'native', 'electron');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'better_sqlite3.node');
    copyFileSync(built, file);
    // scripts/start-electron.mjs rebuilds when this no longer matches the installed Electron and
    // SQLite module (a copy built from plain better-sqlite3 cannot open the encrypted database).
    writeFileSync(join(outDir, 'electron-version'), `${electronVersion} ${SQLITE_PACKAGE}@${sqliteVersion}\n`);
    log(`Wrote native/electron/better_sqlite3.node (Electron ${electronVersion})`);
    return { file, electronVersion };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildNativeForElectron().catch((e) => {
    process.stderr.write(
      `\nCould not build ${SQLITE_PACKAGE} for Electron: ${e instanceof Error ? e.message : String(e)}\n` +
        'This needs internet access once (a prebuilt binary, or Electron headers for node-gyp) and, for\n' +
        'node-gyp, a C++ toolchain (Python 3, make and g++ on Linux; Visual Studio Build Tools on Windows).\n' +
        'Tests and `npm run start:web` do not need it: they use the plain-Node build in node_modules.\n',
    );
    process.exit(1);
  });
}
