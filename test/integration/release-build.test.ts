import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The installers IT trusts, checked without building Electron binaries (they cannot be downloaded
 * here): the electron-builder configuration against electron-builder's own JSON schema, the
 * release guard that refuses to build without a signing configuration, the marking of unsigned
 * test builds, the icons made from one source image, and the Electron build of better-sqlite3
 * staged beside node_modules' Node build.
 */
const root = resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `kiosk-release-${name}-`));
  dirs.push(d);
  return d;
};

interface Guard {
  releaseSigning(input: {
    env: Record<string, string | undefined>;
    config: unknown;
    platforms: Array<'win' | 'linux'>;
  }): { ok: true; how: Record<string, string> } | { ok: false; missing: string[]; hints: string[] };
}
const guard = async () => (await import('../../scripts/release-guard.mjs' as string)) as Guard;

/** The environment of a build machine with no signing configured (and nothing of this one's). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...extra };
}

function dist(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(root, 'scripts/dist.mjs'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    const valid = validate(config);
    expect(validate.errors ?? [], 'schema errors').toEqual([]);
    expect(valid).toBe(true);
    // The schema is strict enough to catch a typo (a field it does not know).
    expect(validate({ ...config, nsis: { ...(config.nsis as object), perMachin: true } })).toBe(false);
  });
});

describe('the release settings in electron-builder.yml', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    forceCodeSigning: boolean;
    nsis: Record<string, unknown>;
    win: { icon: string };
    linux: { icon: string };
    deb: { fpm: string[] };
    publish: { provider: string };
  };

  it('force signing, install per machine into Program Files with no folder choice, and keep the data on uninstall', () => {
    expect(config.forceCodeSigning).toBe(true);
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: true,
      allowToChangeInstallationDirectory: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('take their icons from what scripts/make-icons.mjs writes, and ship the systemd unit in the .deb', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    expect(config.linux.icon).toBe('build/icons');
    const unit = config.deb.fpm.find((a) => a.endsWith('=/usr/lib/systemd/user/kiosk-dvc.service'));
    expect(unit).toBeDefined();
    expect(existsSync(join(root, unit!.split('=')[0]!))).toBe(true);
    expect(config.publish.provider).toBe('generic');
  });
});

describe('release guard', () => {
  it('refuses a release build without a signing configuration, before any step runs', () => {
    const r = dist(['--win'], cleanEnv());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Release build refused: no signing configuration for win/);
    expect(r.stderr).toMatch(/--unsigned/);
    expect(r.stderr).not.toMatch(/== icons|== build/);
    const linux = dist(['--linux'], cleanEnv());
    expect(linux.status).toBe(2);
    expect(linux.stderr).toMatch(/KIOSK_GPG_KEY_ID/);
  });

  it('builds a release with forced code signing once a certificate is configured', () => {
    const r = dist(['--win', '--dry-run'], cleanEnv({ CSC_LINK: '/secure/province-codesign.pfx', CSC_KEY_PASSWORD: 'x' }));
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as { mode: string; version: string; steps: Array<{ name: string; args: string[] }> };
    expect(plan.mode).toBe('release');
    const builder = plan.steps.find((s) => s.name === 'electron-builder')!;
    expect(builder.args).toContain('-c.forceCodeSigning=true');
    expect(builder.args.some((a) => a.startsWith('-c.extraMetadata.version='))).toBe(false);
    expect(plan.steps.map((s) => s.name)).toEqual(['icons', 'build', 'native:electron', 'electron-builder']);
  });

  it('an explicit unsigned test build is marked in its version, below the release it tests', () => {
    for (const [args, env] of [
      [['--win', '--unsigned', '--dry-run'], cleanEnv()],
      [['--linux', '--dry-run'], cleanEnv({ KIOSK_UNSIGNED_BUILD: '1' })],
    ] as const) {
      const r = dist([...args], env);
      expect(r.status).toBe(0);
      const plan = JSON.parse(r.stdout) as { mode: string; version: string; steps: Array<{ name: string; args: string[] }> };
      expect(plan.mode).toBe('unsigned');
      expect(plan.version).toMatch(/^\d+\.\d+\.\d+-unsigned$/);
      const builder = plan.steps.find((s) => s.name === 'electron-builder')!;
      expect(builder.args).toContain('-c.forceCodeSigning=false');
      expect(builder.args).toContain(`-c.extraMetadata.version=${plan.version}`);
    }
  });

  it('accepts each way Windows certificates are held today, and only with what each needs', async () => {
    const { releaseSigning } = await guard();
    const win = (env: Record<string, string>, winConfig: object = {}) =>
      releaseSigning({ env, config: { win: winConfig }, platforms: ['win'] }).ok;
    expect(win({})).toBe(false);
    expect(win({ WIN_CSC_LINK: 'C:\\certs\\ubnd.pfx' })).toBe(true);
    // EV certificate on a hardware token, chosen by subject or thumbprint.
    expect(win({}, { signtoolOptions: { certificateSubjectName: 'UBND tinh Dak Lak' } })).toBe(true);
    expect(win({}, { signtoolOptions: { certificateSha1: 'A1B2C3' } })).toBe(true);
    // Azure Trusted Signing needs its credentials in the environment too.
    const azure = {
      azureSignOptions: {
        endpoint: 'https://eus.codesigning.azure.net',
        codeSigningAccountName: 'daklak',
        certificateProfileName: 'kiosk',
      },
    };
    expect(win({}, azure)).toBe(false);
    expect(win({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }, azure)).toBe(true);
    expect(win({ CSC_LINK: '  ' })).toBe(false);
    const both = releaseSigning({ env: { CSC_LINK: 'a.pfx' }, config: {}, platforms: ['win', 'linux'] });
    expect(both).toMatchObject({ ok: false, missing: ['linux'] });
  });
});

describe('icons from one source image', () => {
  it('make a Windows .ico with every size and a Linux PNG set, each drawn at its size', async () => {
    const out = temp('icons');
    execFileSync(process.execPath, [join(root, 'scripts/make-icons.mjs'), out], { cwd: root });
    const ico = readFileSync(join(out, 'icon.ico'));
    // ICONDIR: reserved 0, type 1 (icon), then the number of images and one 16-byte entry each.
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = await loadImage(readFileSync(join(out, 'icons', `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    expect((await loadImage(readFileSync(join(out, 'icon.png')))).width).toBe(1024);
  });
});

describe('the database module for Electron', () => {
  it('is rebuilt by @electron/rebuild on a staged copy: node_modules keeps the Node build the tests load', async () => {
    const fakeRoot = temp('native');
    const modules = join(fakeRoot, 'node_modules');
    mkdirSync(join(modules, 'electron'), { recursive: true });
    writeFileSync(join(modules, 'electron', 'package.json'), JSON.stringify({ version: '45.5.0' }));
    const pkg = 'better-sqlite3-multiple-ciphers';
    cpSync(join(root, 'node_modules', pkg), join(modules, pkg), { recursive: true });
    const sqliteVersion = (JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    const nodeBuild = join(modules, pkg, 'build/Release/better_sqlite3.node');
    const before = readFileSync(nodeBuild);
    const calls: Array<Record<string, unknown>> = [];
    const { buildNativeForElectron } = (await import('../../scripts/native-electron.mjs' as string)) as {
      buildNativeForElectron(o: {
        root: string;
        rebuild: (o: Record<string, unknown>) => Promise<void>;
        log: () => void;
      }): Promise<{ file: string; electronVersion: string }>;
    };
    const result = await buildNativeForElectron({
      root: fakeRoot,
      log: () => undefined,
      // Electron's headers and prebuilt binaries cannot be downloaded here: stand in for the compile.
      async rebuild(options) {
        calls.push(options);
        const staged = join(options.buildPath as string, 'node_modules', pkg);
        expect(existsSync(join(staged, 'build'))).toBe(false); // the Node build is not carried over
        mkdirSync(join(staged, 'build/Release'), { recursive: true });
        writeFileSync(join(staged, 'build/Release/better_sqlite3.node'), 'electron build');
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ electronVersion: '45.5.0', onlyModules: [pkg], force: true });
    expect(readFileSync(result.file, 'utf8')).toBe('electron build');
    expect(readFileSync(join(fakeRoot, 'native/electron/electron-version'), 'utf8').trim()).toBe(`45.5.0 ${pkg}@${sqliteVersion}`);
    expect(readFileSync(nodeBuild).equals(before)).toBe(true);
    expect(existsSync(join(fakeRoot, 'native/.stage'))).toBe(false);
    expect(statSync(result.file).size).toBeGreaterThan(0);
  });
});

describe('the Linux auto-start unit', () => {
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
  it.skipIf(!analyze)('is a valid systemd unit (systemd-analyze verify)', () => {
    const dir = temp('unit');
    const unit = join(dir, 'kiosk-dvc.service');
    cpSync(join(root, 'resources/linux/kiosk-dvc.service'), unit);
    const r = spawnSync(analyze!, ['verify', unit], { encoding: 'utf8' });
    // The binary exists only on an installed kiosk; anything else systemd says is a real problem.
    const problems = `${r.stdout}${r.stderr}`
      .split('\n')
      .filter((l) => l.trim() !== '' && !/kiosk-dvc is not executable/.test(l));
    expect(problems).toEqual([]);
  });
});
