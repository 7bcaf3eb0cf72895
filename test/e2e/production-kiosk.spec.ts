import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { checkScreen } from './a11y';
import { KioskPage } from './kiosk-page';
import { simControl, startKiosk, startSimulator, type Running } from './processes';
import { staffConfig, TEST_CLERK, TEST_IT } from '../support/staff';

/**
 * A production kiosk as IT first meets it: not enrolled, it tells citizens to go to the counter
 * and says on its status strip why; enrolled with a one-time code (`kiosk-admin enrol`, here the
 * same step through the kiosk's API as the IT screen takes it), it opens, with no restart.
 */
let sim: Running;
let kiosk: Running & { dataDir: string };
test.beforeAll(async () => {
  sim = await startSimulator();
  kiosk = await startKiosk({
    production: true,
    apiBaseUrl: sim.url,
    config: {
      kioskId: 'BMT-MOTCUA-01',
      api: { baseUrl: sim.url, timeoutMs: 3000 },
      staff: staffConfig([TEST_CLERK, TEST_IT]),
      sync: { healthIntervalSeconds: 1 },
    },
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sim?.stop();
});

test('not enrolled, the kiosk is out of service and says so in both languages; enrolled, it opens by itself', async ({
  page,
}) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  const notice = page.getByTestId('out-of-service');
  await expect(notice).toHaveText('Kiosk đang tạm ngừng phục vụ. Vui lòng đến quầy của cán bộ một cửa để được hỗ trợ.');
  await expect(page.getByTestId('device-alert')).toContainText('Kiosk chưa được đăng ký với hệ thống của tỉnh');
  await expect(page.getByRole('button', { name: /^Đăng ký/ })).toHaveCount(0);
  await expect(page.getByRole('note')).toHaveCount(0); // no DEMO banner: this is a real kiosk
  await k.shot('it-01-not-enrolled-vi');
  await k.switchToEnglish();
  await expect(notice).toHaveText('This kiosk is out of service for now. Please go to the counter clerk for help.');
  await expect(page.getByTestId('device-alert')).toContainText('This kiosk is not enrolled with the provincial system');
  await k.shot('it-01-not-enrolled-en');
  await checkScreen(page, 'it-not-enrolled');

  // IT enrols it: the admin CLI against the same config, data folder and key folder.
  const { code } = (await simControl(sim.url, '/__sim/enrolment-codes', { kioskId: 'BMT-MOTCUA-01' })) as { code: string };
  const { runToExit, adminJs } = await import('../support/kiosk-process');
  const enrolled = await runToExit(adminJs, ['enrol', code], {
    KIOSK_CONFIG: join(kiosk.dataDir, 'kiosk.config.json'),
    KIOSK_DATA_DIR: join(kiosk.dataDir, 'data'),
  });
  expect(enrolled.code, enrolled.stderr).toBe(0);
  await expect(page.getByRole('button', { name: /^(Đăng ký|Register)/ }).first()).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('device-alert')).toHaveCount(0);
});
