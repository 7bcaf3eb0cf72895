import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { nhungCard } from './cccd-payloads';
import { fakeCameraLaunchOptions, writeQrY4m } from './fake-camera';
import { KioskPage, labels } from './kiosk-page';
import { useSimulatorAndKiosk } from './processes';

/** The kiosk camera is Chromium's fake capture device playing a frame with the card's QR code. */
const y4m = join(tmpdir(), `kiosk-cccd-${process.pid}.y4m`);
writeQrY4m(y4m, nhungCard.payload);
test.use({ launchOptions: fakeCameraLaunchOptions(y4m) });

const env = useSimulatorAndKiosk();

test('"Quét CCCD" reads the card through the camera and fills the ID', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await page.getByRole('button', { name: 'Quét CCCD' }).tap();
  await expect(page.getByLabel(labels.vi.idLabel)).toHaveValue(nhungCard.citizenId);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByText('Hãy kiểm tra lại thông tin vừa điền.', { exact: false })).toBeVisible();
  // The camera is released once the card is read.
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  await k.shot('scan-camera-filled-vi');
});

test('"Quét CCCD" on the registration form fills name, ID, birth date, gender and address from the camera', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.button(/^Đăng ký/).first().click();
  await k.button(/^Công dân/).click();
  await k.button(/^Thuê bao di động/).click();
  await page.getByRole('button', { name: 'Quét CCCD' }).tap();
  await expect(page.getByLabel('Họ và tên')).toHaveValue(nhungCard.fullName);
  await expect(page.getByLabel('Số CMND/CCCD')).toHaveValue(nhungCard.citizenId);
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('15/03/1985');
  await expect(page.getByRole('radio', { name: 'Nữ' })).toBeChecked();
  await expect(page.getByLabel('Số nhà, đường, thôn, buôn')).toHaveValue('Thôn 3');
  await expect(page.getByText('Hãy kiểm tra lại thông tin vừa điền.', { exact: false })).toBeVisible();
  await k.shot('scan-camera-registration-filled-vi');
});
