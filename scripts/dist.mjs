#!/usr/bin/env node
/**
 * `npm run dist`: the installers, in release mode unless told otherwise.
 *
 *   npm run dist                    release: refuses to start without a signing configuration for
 *                                   every target platform (scripts/release-guard.mjs), and builds
 *                                   with forceCodeSigning, so an unsigned installer fails the build
 *   npm run dist -- --unsigned      a local test build: unsigned, and marked so in its version
 *   (or KIOSK_UNSIGNED_BUILD=1)     (0.1.0-unsigned), which any real release updates over
 *   --win / --linux                 the target platforms (default: this machine's)
 *   --dry-run                       print the plan and stop
 *
 * Steps: icons from resources/icon.svg → electron-vite build → better-sqlite3 for Electron
 * (@electron/rebuild) → electron-builder → (Linux release) detached GPG signatures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { releaseSigning, unsignedVersion } from './release-guard.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const unsigned = flag('--unsigned') || process.env.KIOSK_UNSIGNED_BUILD === '1';
const dryRun = flag('--dry-run');
const platforms = [flag('--win') && 'win', flag('--linux') && 'linux'].filter(Boolean);
if (platforms.length === 0) platforms.push(process.platform === 'win32' ? 'win' : 'linux');
const passThrough = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

if (!unsigned) {
  const signing = releaseSigning({ env: process.env, config, platforms });
  if (!signing.ok) {
    process.stderr.write(
      `\nRelease build refused: no signing configuration for ${signing.missing.join(' and ')}.\n` +
        `${signing.hints.map((h) => `  - ${h}`).join('\n')}\n` +
        'For a local test build that must never reach a kiosk: npm run dist -- --unsigned\n\n',
    );
    process.exit(2);
  }
  for (const [platform, how] of Object.entries(signing.how)) process.stderr.write(`Signing ${platform}: ${how}\n`);
}

const builderArgs = [
  join(root, 'node_modules/electron-builder/cli.js'),
  '--config',
  'electron-builder.yml',
  ...platforms.map((p) => `--${p}`),
  `-c.forceCodeSigning=${unsigned ? 'false' : 'true'}`,
  ...(unsigned ? [`-c.extraMetadata.version=${unsignedVersion(version)}`] : []),
  ...passThrough,
];
const steps = [
  ['icons', [join(root, 'scripts/make-icons.mjs')]],
  ['build', [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']],
  ['native:electron', [join(root, 'scripts/native-electron.mjs')]],
  ['electron-builder', builderArgs],
];

if (dryRun) {
  process.stdout.write(`${JSON.stringify({ mode: unsigned ? 'unsigned' : 'release', version: unsigned ? unsignedVersion(version) : version, platforms, steps: steps.map(([name, a]) => ({ name, args: a.map((x) => x.replace(root, '.')) })) }, null, 2)}\n`);
  process.exit(0);
}

for (const [name, stepArgs] of steps) {
  process.stderr.write(`== ${name}\n`);
  const r = spawnSync(process.execPath, stepArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`\n${name} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}).\n`);
    process.exit(1);
  }
}

if (!unsigned && platforms.includes('linux')) {
  const outDir = join(root, config.directories?.output ?? 'dist');
  for (const file of readdirSync(outDir).filter((f) => /\.(deb|AppImage)$/.test(f))) {
    const r = spawnSync('gpg', ['--batch', '--yes', '--local-user', process.env.KIOSK_GPG_KEY_ID, '--detach-sign', '--armor', join(outDir, file)], { stdio: 'inherit' });
    if (r.status !== 0) {
      process.stderr.write(`\ngpg could not sign ${file}.\n`);
      process.exit(1);
    }
  }
}
if (unsigned) process.stderr.write(`\nUNSIGNED test build ${unsignedVersion(version)}: never install it on a kiosk.\n`);
