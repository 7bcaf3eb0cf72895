import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_DEVICE } from '../../simulator/seed/devices';
import { KioskPage } from './kiosk-page';
import { enterPin, freePort, openClerk, seedOutbox } from './outbox-seed';
import { spawnUntilReady, startSimulator, type Running } from './processes';
import { openKioskDb } from '../support/data-key';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * Offline, then back: dossiers stored while the provincial API is down wait in the outbox (the
 * status strip says so on every screen); when the API returns they are delivered, and the clerk's
 * view shows each accepted with the API's real dossier code.
 */
const outDir = process.env.KIOSK_OUT ?? 'out';
const CLERK_PIN = TEST_CLERK.pin;

let tmp: string;
let kiosk: Running;
let sim: Running | null = null;
let simPort: number;
let refs: string[];
let refusedRef: string;

test.beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kiosk-e2e-outbox-'));
  simPort = await freePort();
  const seeded = await seedOutbox(join(tmp, 'data'), 3, 'KIOSK-E2E-01');
  refs = seeded.slice(0, 2);
  refusedRef = seeded[2]!;
  // A row an older kiosk build wrote that the API's validation now refuses (an impossible CCCD).
  const db = openKioskDb(join(tmp, 'data'), { readonly: false });
  db.prepare(`UPDATE outbox SET payload = json_set(payload, '$.applicant.citizenId', '12345') WHERE local_ref = @ref`).run({ ref: refusedRef });
  db.close();
  const configFile = join(tmp, 'kiosk.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kioskId: 'KIOSK-E2E-01',
      api: { baseUrl: `http://127.0.0.1:${simPort}`, timeoutMs: 3000 },
      staff: staffConfig([TEST_CLERK]),
      sync: { healthIntervalSeconds: 1 },
    }),
  );
  // DEMO mode against a simulator of its own (started later): signs with the simulator's demo device.
  kiosk = await spawnUntilReady(`${outDir}/main/web.js`, ['--demo', '--port', '0'], { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: join(tmp, 'data') }, /Kiosk ready: (\S+)/);
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sim?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('dossiers stored while the API is down wait in the status strip, then arrive with real dossier codes when it returns', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  const strip = page.getByTestId('outbox-strip');
  await expect(strip).toContainText('Mất kết nối');
  await expect(page.getByTestId('outbox-waiting')).toHaveText('Chờ gửi: 3');
  await k.shot('outbox-01-offline-strip-vi');

  // A wrong PIN is refused with the tries left; the right one opens the clerk's view.
  await openClerk(page, '000000');
  await expect(page.getByRole('alert')).toContainText('Còn 4 lần thử');
  await enterPin(page, CLERK_PIN);
  const entries = page.getByTestId('clerk-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.first()).toContainText('Đang chờ');
  // The reason in the clerk's words, with what to do (the oldest was tried first).
  await expect(entries.filter({ hasText: refs[0]! })).toContainText(/Lý do: (Không kết nối được|Hệ thống của tỉnh không trả lời kịp).*không cần làm gì/);
  await k.shot('outbox-02-clerk-waiting-vi');
  await page.getByRole('button', { name: 'Khóa' }).click();

  await k.switchToEnglish();
  await expect(strip).toContainText('Offline');
  await expect(page.getByTestId('outbox-waiting')).toHaveText('Waiting to send: 3');
  await k.shot('outbox-03-offline-strip-en');

  sim = await startSimulator(simPort);
  await expect(page.getByTestId('outbox-waiting')).toHaveText('Waiting to send: 0', { timeout: 30_000 });
  await expect(strip).toContainText('Connected');
  await expect(strip).toContainText('Needs attention: 1');
  await k.shot('outbox-04-online-strip-en');

  const ledger = (await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { dossiers: Array<{ localRef: string; dossierCode: string; deviceId: string }> };
  expect(ledger.dossiers.map((d) => d.localRef).sort()).toEqual([...refs].sort());

  await openClerk(page, CLERK_PIN);
  await expect(entries).toHaveCount(3);
  for (const d of ledger.dossiers) {
    const entry = entries.filter({ hasText: d.localRef });
    await expect(entry).toContainText('Accepted');
    await expect(entry.getByTestId('remote-code')).toHaveText(d.dossierCode);
    expect(d.deviceId).toBe(DEMO_DEVICE.id);
  }
  const accepted = entries.filter({ hasText: refs[0]! });
  await accepted.getByRole('button', { name: 'History' }).click();
  await expect(accepted).toContainText(/Accepted: H66-/);
  await k.shot('outbox-05-clerk-accepted-en');

  // The one the API refused waits for a clerk, with the reason, what to do and the API's words.
  const refused = entries.filter({ hasText: refusedRef });
  await expect(refused).toContainText('Needs attention');
  await expect(refused).toContainText('Reason: The provincial system refused the dossier (status 400 invalid_request). Contact the citizen');
  await expect(refused).toContainText(/The provincial system said: “.*citizenId/);
  await refused.getByRole('button', { name: 'History' }).click();
  await expect(refused).toContainText('Refused. The provincial system refused the dossier');
  await refused.scrollIntoViewIfNeeded();
  await k.shot('outbox-05b-clerk-refused-en');
  await page.getByRole('button', { name: 'Lock' }).click();

  // Back to Vietnamese (the kiosk has been in English since switchToEnglish above).
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await openClerk(page, CLERK_PIN);
  await expect(entries.filter({ hasText: refs[0]! })).toContainText('Đã tiếp nhận');
  await entries.filter({ hasText: refs[0]! }).getByRole('button', { name: 'Lịch sử' }).click();
  await k.shot('outbox-06-clerk-accepted-vi');
  const refusedVi = entries.filter({ hasText: refusedRef });
  await expect(refusedVi).toContainText('Cần xử lý');
  await expect(refusedVi).toContainText('Lý do: Hệ thống của tỉnh từ chối hồ sơ (mã 400 invalid_request). Liên hệ công dân');
  await expect(refusedVi).toContainText('Hệ thống của tỉnh trả lời: “');
  await refusedVi.getByRole('button', { name: 'Lịch sử' }).click();
  await expect(refusedVi).toContainText('Bị từ chối. Hệ thống của tỉnh từ chối hồ sơ');
  await refusedVi.scrollIntoViewIfNeeded();
  await k.shot('outbox-07-clerk-refused-vi');
});
