import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { adminJs, requireBuilt, runToExit, startKiosk, webJs, type KioskProcess } from '../support/kiosk-process';
import { issueEnrolmentCode, TEST_DATA_KEY_HEX } from '../support/production-kiosk';
import { tempDir } from './outbox/fixtures';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * `kiosk-admin` as IT runs it (`npm run kiosk-admin -- …` = `node out/main/admin.js …`): the
 * exit codes a script can rely on, and enrolment of a kiosk that is running, over real HTTP.
 */
let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  requireBuilt(adminJs, webJs);
  sim = await startSimulator({ port: 0 });
  tmp = tempDir('kiosk-admin-');
});
afterAll(async () => {
  await sim?.close();
  tmp?.cleanup();
});

/** A kiosk's folder: its config (production, against the simulator) and nothing else yet. */
function kioskDir(name: string, config: Record<string, unknown> = {}): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'kiosk.config.json'),
    JSON.stringify({ api: { baseUrl: sim.url, timeoutMs: 3000 }, kioskId: 'BMT-MOTCUA-01', ...config }),
  );
  return dir;
}
const admin = (args: string[], configDir?: string) =>
  runToExit(
    adminJs,
    [...args, ...(configDir ? ['--config', join(configDir, 'kiosk.config.json')] : [])],
    { KIOSK_CONFIG: '' },
    30_000,
  );

describe('kiosk-admin', () => {
  it('with no command prints the help; an unknown command exits 64', async () => {
    const none = await admin([]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/enrol CODE/);
    const unknown = await admin(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('enrol: a code that is not one exits 64; a kiosk that would refuse to start exits 78 with the same message', async () => {
    expect((await admin(['enrol', 'hello'], kioskDir('format'))).code).toBe(64);
    const insecure = await admin(
      ['enrol', 'ABCD-EFGH-JKMN'],
      kioskDir('insecure', { api: { baseUrl: 'http://api.example.vn' } }),
    );
    expect(insecure.code).toBe(78);
    expect(insecure.stderr).toMatch(/api\.baseUrl: must start with https:\/\//);
  });

  it('enrol: a code the API refuses exits 65; an API that cannot be reached exits 69', async () => {
    const refused = await admin(['enrol', 'ABCD-EFGH-JKMN'], kioskDir('refused'));
    expect(refused.code).toBe(65);
    expect(refused.stderr).toMatch(/refused the code/);
    const gone = await admin(
      ['enrol', 'ABCD-EFGH-JKMN'],
      kioskDir('gone', { api: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 } }),
    );
    expect(gone.code).toBe(69);
    expect(gone.stderr).toMatch(/could not be reached/);
  });

  it('enrol: a running kiosk that waits out of service takes up the enrolment without a restart, and signs from then on', async () => {
    const dir = kioskDir('running', { staff: staffConfig([TEST_CLERK]), sync: { healthIntervalSeconds: 1 } });
    let kiosk: KioskProcess | null = null;
    try {
      kiosk = await startKiosk({
        dataDir: join(dir, 'data'),
        configDir: dir,
        apiBaseUrl: sim.url,
        production: true,
        env: { KIOSK_DATA_KEY: TEST_DATA_KEY_HEX },
        config: {
          dataDir: 'data',
          api: { baseUrl: sim.url, timeoutMs: 3000 },
          kioskId: 'BMT-MOTCUA-01',
          staff: staffConfig([TEST_CLERK]),
          sync: { healthIntervalSeconds: 1 },
        },
      });
      expect(await kiosk.call('outbox.status')).toMatchObject({ ok: true, value: { device: 'not_enrolled' } });
      const enrolled = await admin(['enrol', (await issueEnrolmentCode(sim.url)).toLowerCase()], dir);
      expect(enrolled.code).toBe(0);
      expect(enrolled.stdout).toMatch(/Enrolled BMT-MOTCUA-01 with http:\/\/127\.0\.0\.1:\d+\./);
      expect(enrolled.stdout).toMatch(/owner-only file\), fingerprint [0-9a-f]{64}/);
      await kiosk.until(
        'the kiosk to take up its enrolment',
        async () => ((await kiosk!.call<{ device: string }>('outbox.status')).value?.device ?? '') === 'enrolled',
      );
      // Signed as the enrolled kiosk: the API answers a signed call from it.
      expect(await kiosk.call('catalog.adminUnits', {})).toMatchObject({ ok: true, value: { offline: false } });
    } finally {
      await kiosk?.kill();
    }
  });
});
