import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { notCccdPayload } from './cccd-payloads';
import { fakeCameraLaunchOptions, writeQrY4m } from './fake-camera';
import { KioskPage, labels } from './kiosk-page';
import { useSimulatorAndKiosk } from './processes';

/** The camera sees some other QR code (the portal's address printed on a leaflet). */
const y4m = join(tmpdir(), `kiosk-other-qr-${process.pid}.y4m`);
writeQrY4m(y4m, notCccdPayload);
test.use({ launchOptions: fakeCameraLaunchOptions(y4m) });

const env = useSimulatorAndKiosk();

for (const lang of ['vi', 'en'] as const) {
  test(`a QR code that is not a CCCD card's fills nothing and says what to do (${lang})`, async ({ page }) => {
    const k = new KioskPage(page);
    await page.goto(env.kiosk.url);
    if (lang === 'en') await k.switchToEnglish();
    await k.openLoginForm(lang);
    await page.getByRole('button', { name: lang === 'vi' ? 'Quét CCCD' : 'Scan CCCD' }).tap();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('alert')).toContainText(lang === 'vi' ? 'không phải mã QR của thẻ CCCD' : 'not the QR code of a CCCD card');
    await expect(dialog.locator('video')).toBeVisible();
    await k.page.screenshot({ path: `test-results/screenshots/scan-camera-not-cccd-${lang}.png` });
    await dialog.getByRole('button', { name: lang === 'vi' ? 'Đóng' : 'Close' }).tap();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel(labels[lang].idLabel)).toHaveValue('');
  });
}
