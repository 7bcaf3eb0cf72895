import { expect, test } from '@playwright/test';
import { withChromiumFlags } from './chromium';
import { KioskPage } from './kiosk-page';
import { useSimulatorAndKiosk } from './processes';

/** A camera exists but permission to use it is refused (as a locked-down browser profile may). */
test.use({
  launchOptions: withChromiumFlags('--use-fake-device-for-media-stream', '--deny-permission-prompts'),
});

const env = useSimulatorAndKiosk();

test('a refused camera permission gets a plain message saying whom to ask', async ({ page }) => {
  await page.goto(env.kiosk.url);
  await new KioskPage(page).openLoginForm();
  await page.getByRole('button', { name: 'Quét CCCD' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Quét mã QR trên thẻ CCCD' });
  await expect(dialog.getByRole('alert')).toContainText('Kiosk chưa được phép dùng camera');
  await dialog.getByRole('button', { name: 'Đóng' }).press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Quét CCCD' })).toBeFocused();
});
