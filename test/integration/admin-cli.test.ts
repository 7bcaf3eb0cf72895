import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminCommands, runAdmin } from '../../main/admin';
import { loadConfig } from '../../main/config/load';
import { silentLogger } from '../../main/log';
import { pinMatches } from '../../main/services/staff/pin-hash';
import { startStaff } from '../../main/services/staff/start';
import { fileOnlySealers } from '../../main/keys/sealer';
import { openDataFolder } from '../../main/store/data-folder';
import { openDatabase } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { tempDir } from './outbox/fixtures';

/** IT's commands (main/admin), run in-process with their own streams, and once as the built script. */
let tmp: ReturnType<typeof tempDir>;
let configFile: string;
const PROVINCE_API = 'https://dvc.daklak.gov.vn/api';

beforeEach(() => {
  tmp = tempDir('kiosk-admin-');
  configFile = join(tmp.dir, 'kiosk.config.json');
});
afterEach(() => tmp.cleanup());

/** stdin as a pipe (a provisioning script) or as a terminal that IT types into. */
function stdinOf(text: string, tty = false) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?(m: boolean): void; rawModes: boolean[] };
  s.rawModes = [];
  if (tty) {
    s.isTTY = true;
    s.setRawMode = (m) => void s.rawModes.push(m);
  } else s.end(text);
  return s;
}

async function admin(argv: string[], input = '', tty = false) {
  let out = '';
  let err = '';
  const stdin = stdinOf(input, tty);
  // On a terminal the keys arrive as the person types: once the prompt is on the screen.
  let typed = !tty;
  const code = await runAdmin(argv, {
    stdin,
    stdout: { write: (s: string) => (out += s) },
    stderr: {
      write: (s: string) => {
        err += s;
        if (!typed && /PIN/.test(err)) {
          typed = true;
          queueMicrotask(() => stdin.write(input));
        }
      },
    },
    env: {},
    defaultConfigDir: tmp.dir,
    defaultDataDir: join(tmp.dir, 'data'),
  });
  return { code, out, err, stdin };
}

describe('kiosk-admin hash-pin', () => {
  it('prints a scrypt hash of a piped PIN that the kiosk accepts', async () => {
    const r = await admin(['hash-pin'], '246813\n');
    expect(r.code).toBe(0);
    const hash = r.out.trim();
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await pinMatches('246813', hash)).toBe(true);
  });

  it('reads a typed PIN twice without echoing it, in raw mode, and restores the terminal', async () => {
    const r = await admin(['hash-pin'], '246813\r246813\r', true);
    expect(r.code).toBe(0);
    expect(await pinMatches('246813', r.out.trim())).toBe(true);
    expect(r.err).toMatch(/PIN/);
    expect(r.err).not.toContain('246813');
    expect(r.err).not.toMatch(/\*{3}/);
    expect(r.stdin.rawModes).toEqual([true, false]);
  });

  it.each([
    ['too short', '24681'],
    ['not digits', '24681a'],
    ['one digit repeated', '000000'],
    ['a run of digits', '123456'],
    ['a run downwards', '987654'],
    ['nothing', ''],
  ])('refuses a PIN that is %s', async (_why, pin) => {
    const r = await admin(['hash-pin'], `${pin}\n`);
    expect(r.code).toBe(65);
    expect(r.out).toBe('');
  });

  it('refuses two typed entries that differ', async () => {
    const r = await admin(['hash-pin'], '246813\r246831\r', true);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/differ/);
  });
});

describe('kiosk-admin staff-add, staff-list, staff-remove', () => {
  it('adds accounts to the config file, keeping its other fields, and the kiosk unlocks each person as themselves', async () => {
    writeFileSync(configFile, JSON.stringify({ kioskId: 'BMT-MOTCUA-01', api: { baseUrl: PROVINCE_API }, locale: 'vi' }));
    chmodSync(configFile, 0o640);
    expect((await admin(['staff-add', '--id', 'lan', '--name', 'Nguyễn Thị Lan', '--role', 'clerk'], '246813\n')).code).toBe(0);
    expect((await admin(['staff-add', '--id', 'quan', '--name', 'Trần Minh Quân', '--role', 'it'], '975318\n')).code).toBe(0);
    const raw = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(raw).toMatchObject({ kioskId: 'BMT-MOTCUA-01', api: { baseUrl: PROVINCE_API }, locale: 'vi', staff: [{ id: 'lan', role: 'clerk' }, { id: 'quan', role: 'it' }] });
    expect(JSON.stringify(raw)).not.toContain('246813');
    expect(statSync(configFile).mode & 0o777).toBe(0o640);

    const config = loadConfig({ argv: [], env: { KIOSK_CONFIG: configFile }, defaultDataDir: join(tmp.dir, 'data'), defaultConfigDir: tmp.dir });
    const db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
    try {
      const staff = startStaff({ config, db, demo: false, logger: silentLogger });
      expect(await staff.gate.unlock('975318')).toMatchObject({ ok: true, value: { staff: { name: 'Trần Minh Quân', role: 'it' } } });
    } finally {
      db.close();
    }

    const list = await admin(['staff-list']);
    expect(list.out).toMatch(/lan\s+clerk\s+Nguyễn Thị Lan/);
    expect(list.out).toMatch(/quan\s+it\s+Trần Minh Quân/);
    expect(list.out).not.toContain('scrypt');

    expect((await admin(['staff-remove', '--id', 'lan'])).code).toBe(0);
    expect((await admin(['staff-list'])).out).not.toContain('lan ');
    expect((await admin(['staff-remove', '--id', 'lan'])).code).toBe(65);
  });

  it('refuses a PIN someone else already has, an id already taken, and a bad role, changing nothing', async () => {
    await admin(['staff-add', '--id', 'lan', '--name', 'Nguyễn Thị Lan', '--role', 'clerk'], '246813\n');
    const before = readFileSync(configFile, 'utf8');
    const samePin = await admin(['staff-add', '--id', 'hung', '--name', 'Y Hùng Niê', '--role', 'clerk'], '246813\n');
    expect(samePin).toMatchObject({ code: 65, err: expect.stringMatching(/already uses this PIN/) });
    for (const published of ['246810', '135790']) {
      const demoPin = await admin(['staff-add', '--id', 'hung', '--name', 'Y Hùng Niê', '--role', 'clerk'], `${published}\n`);
      expect(demoPin).toMatchObject({ code: 65, err: expect.stringMatching(/demo's sample staff/) });
    }
    expect((await admin(['staff-add', '--id', 'lan', '--name', 'Lê Lan', '--role', 'clerk'], '975318\n')).code).toBe(65);
    const badRole = await admin(['staff-add', '--id', 'hung', '--name', 'Y Hùng Niê', '--role', 'boss'], '975318\n');
    expect(badRole.code).toBe(64);
    expect(badRole.err).toMatch(/--role/);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
  });

  it('an unknown command lists the commands and fails; help lists them and succeeds', async () => {
    expect(await admin(['frobnicate'])).toMatchObject({ code: 64, err: expect.stringMatching(/Unknown command[\s\S]*hash-pin[\s\S]*staff-add/) });
    expect(await admin(['help'])).toMatchObject({ code: 0, out: expect.stringMatching(/audit/) });
  });

  it('help shows every command once, and the README names every command in its scripts table and its Admin commands section', async () => {
    const help = (await admin(['help'])).out;
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const scriptsRow = readme.split('\n').find((l) => l.startsWith('| `npm run kiosk-admin -- <command>` |'))!;
    const section = readme.slice(readme.indexOf('### Admin commands'), readme.indexOf('\n### ', readme.indexOf('### Admin commands') + 1));
    const block = section.slice(section.indexOf('```bash'), section.indexOf('```', section.indexOf('```bash') + 3));
    const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
    expect(adminCommands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['doctor', 'check-config', 'enrol', 'export-logs', 'check', 'backup', 'restore', 'acknowledge-damage', 'audit', 'rotate-key']),
    );
    for (const { name } of adminCommands) {
      expect(count(help, new RegExp(`^  ${name}\\b(?!-)`, 'gm')), `help: ${name}`).toBe(1);
      expect(count(scriptsRow, new RegExp(`\`${name}(\\s[^\`]*)?\``, 'g')), `README scripts table: ${name}`).toBe(1);
      expect(count(block, new RegExp(`(kiosk-admin |\\| )${name}\\b(?!-)`, 'g')), `README Admin commands: ${name}`).toBe(1);
    }
  });
});

describe('kiosk-admin audit', () => {
  it('shows the counts per action and the latest entries from the kiosk’s database', async () => {
    // A production kiosk's config (the kiosk would refuse one without its API).
    writeFileSync(configFile, JSON.stringify({ kioskId: 'BMT-MOTCUA-01', api: { baseUrl: PROVINCE_API } }));
    await admin(['staff-add', '--id', 'lan', '--name', 'Nguyễn Thị Lan', '--role', 'clerk'], '246813\n');
    const config = loadConfig({ argv: [], env: { KIOSK_CONFIG: configFile }, defaultDataDir: join(tmp.dir, 'data'), defaultConfigDir: tmp.dir });
    // The kiosk's data folder, made as the browser shell makes it: an encrypted database, its key beside the folder.
    const folder = await openDataFolder({ dataDir: config.dataDir, shell: 'test', logger: silentLogger, dataKey: { settings: { file: null, protection: null }, env: {}, keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' }, demo: true } });
    const staff = startStaff({ config, db: folder.db, demo: false, logger: silentLogger });
    await staff.gate.unlock('000000');
    await staff.gate.unlock('246813');
    staff.onStaffCall({ method: 'clerk.outbox.retry', staff: { id: 'lan', role: 'clerk' }, outcome: 'ok', subject: 'DL-BMT-261201-0007' });
    // While the kiosk holds the folder, the tool says so instead of reading under it.
    expect(await admin(['audit'])).toMatchObject({ code: 73, err: expect.stringMatching(/audit:/) });
    await folder.close();
    const r = await admin(['audit', '--last', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 entries/);
    expect(r.out).toMatch(/clerk\.unlock\s+ok\s+1\s+refused\s+1/);
    expect(r.out).toMatch(/lan\s+clerk\.outbox\.retry\s+ok\s+DL-BMT-261201-0007/);
  });
});

describe('the built kiosk-admin (out/main/admin.js)', () => {
  const script = `${process.env.KIOSK_OUT ?? 'out'}/main/admin.js`;
  beforeAll(() => {
    if (existsSync(script)) return;
    const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { encoding: 'utf8', timeout: 120_000 });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  }, 130_000);

  it('hashes a PIN piped to it', async () => {
    const run = spawnSync(process.execPath, [script, 'hash-pin'], { input: '246813\n', encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(await pinMatches('246813', run.stdout.trim())).toBe(true);
  });
});
