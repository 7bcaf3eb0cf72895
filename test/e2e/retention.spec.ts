import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openKioskDb } from '../support/data-key';
import { staffConfig, TEST_CLERK } from '../support/staff';
import { KioskPage } from './kiosk-page';
import { freePort, openClerk, seedOutbox } from './outbox-seed';
import { spawnUntilReady, type Running } from './processes';

/**
 * Retention as the clerk sees it: a kiosk started on an outbox with an old accepted dossier, one
 * never accepted within the limit, and one waiting long enough to be flagged. The start-up pass
 * erases the first two (what stays: reference, code, procedure, dates, masked ID, history); the
 * third is flagged with the day it will be erased.
 */
const outDir = process.env.KIOSK_OUT ?? 'out';
const CLERK_PIN = TEST_CLERK.pin;
const DAY = 86_400_000;
let tmp: string;
let kiosk: Running;
let refs: { accepted: string; expired: string; flagged: string };

test.beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kiosk-e2e-retention-'));
  const dataDir = join(tmp, 'data');
  const [accepted, expired, flagged] = await seedOutbox(dataDir, 3, 'KIOSK-E2E-01');
  refs = { accepted: accepted!, expired: expired!, flagged: flagged! };
  // Age them, as weeks at a counter would.
  const now = Date.now();
  const db = openKioskDb(dataDir, { readonly: false });
  const age = db.prepare('UPDATE outbox SET created_at = @at, updated_at = @at WHERE local_ref = @ref');
  age.run({ ref: refs.accepted, at: now - 12 * DAY });
  db.prepare(`UPDATE outbox SET state = 'accepted', remote_code = 'H66-270101-000042', accepted_at = @at WHERE local_ref = @ref`).run({ ref: refs.accepted, at: now - 10 * DAY });
  age.run({ ref: refs.expired, at: now - 70 * DAY });
  age.run({ ref: refs.flagged, at: now - 20 * DAY });
  db.close();
  const configFile = join(tmp, 'kiosk.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kioskId: 'KIOSK-E2E-01',
      // Nobody listens there: the waiting dossier stays waiting.
      api: { baseUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 3000 },
      staff: staffConfig([TEST_CLERK]),
      retention: { acceptedDays: 7, unaccepted: { flagAfterDays: 14, limitDays: 60, action: 'erase' } },
    }),
  );
  // DEMO mode against an API nobody answers (the simulator's demo device, as --demo kiosks sign).
  kiosk = await spawnUntilReady(`${outDir}/main/web.js`, ['--demo', '--port', '0'], { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: dataDir }, /Kiosk ready: (\S+)/);
});
test.afterAll(async () => {
  await kiosk?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('the clerk sees what retention erased at start and which dossier will be erased when, in both languages', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  // Only the flagged one still waits; the expired one waits for nobody.
  await expect(page.getByTestId('outbox-waiting')).toHaveText('Chờ gửi: 1');
  await openClerk(page, CLERK_PIN);
  const entries = page.getByTestId('clerk-entry');
  await expect(entries).toHaveCount(3);

  const accepted = entries.filter({ hasText: refs.accepted });
  await expect(accepted).toContainText('Đã tiếp nhận');
  await expect(accepted.getByTestId('remote-code')).toHaveText('H66-270101-000042');
  await expect(accepted).toContainText('Số định danh: ********0123');
  await expect(accepted.getByTestId('clerk-erased')).toContainText('Dữ liệu cá nhân đã được xóa ngày');
  await accepted.getByRole('button', { name: 'Lịch sử' }).click();
  await expect(accepted).toContainText('Đã xóa dữ liệu cá nhân khi hết thời hạn lưu giữ');

  const expired = entries.filter({ hasText: refs.expired });
  await expect(expired).toContainText('Cần xử lý');
  await expect(expired).toContainText('dữ liệu cá nhân đã được xóa và hồ sơ không được gửi nữa');
  await expect(expired.getByRole('button', { name: 'Gửi lại' })).toHaveCount(0);

  const flagged = entries.filter({ hasText: refs.flagged });
  await expect(flagged.getByTestId('clerk-flagged')).toContainText('dữ liệu cá nhân sẽ bị xóa ngày');
  await k.shot('retention-01-clerk-vi');
  await page.getByRole('button', { name: 'Khóa' }).click();

  await k.switchToEnglish();
  await openClerk(page, CLERK_PIN);
  await expect(entries.filter({ hasText: refs.accepted }).getByTestId('clerk-erased')).toContainText('Personal data erased on');
  await expect(entries.filter({ hasText: refs.expired })).toContainText('its personal data was erased and it will not be sent');
  await expect(entries.filter({ hasText: refs.flagged }).getByTestId('clerk-flagged')).toContainText('its personal data will be erased on');
  await k.shot('retention-02-clerk-en');
});
