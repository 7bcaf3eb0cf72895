import { expect, test, type Page } from '@playwright/test';
import { badProvincePayload, nhungCard, notCccdPayload } from './cccd-payloads';
import { KioskPage, labels } from './kiosk-page';
import { useSimulatorAndKiosk } from './processes';
import { scanWithUsbScanner } from './usb-scanner';

/**
 * A USB QR scanner is a keyboard that types a whole code in milliseconds and presses Enter;
 * `scanWithUsbScanner` sends exactly that. A citizen typing slowly is not a scan.
 */
const env = useSimulatorAndKiosk();

const checkMessage = 'Đã điền thông tin từ thẻ CCCD. Hãy kiểm tra lại thông tin vừa điền.';

const scan = (page: Page, payload: string) => scanWithUsbScanner(page, payload);

async function openLogin(page: Page) {
  await page.goto(env.kiosk.url);
  await new KioskPage(page).openLoginForm();
  return page.getByLabel(labels.vi.idLabel);
}

test('a scan while the ID field has focus fills the ID, not the raw code, and does not submit', async ({ page }) => {
  const id = await openLogin(page);
  await id.tap();
  await scan(page, nhungCard.payload);
  await expect(id).toHaveValue(nhungCard.citizenId);
  await expect(page.getByText(checkMessage)).toBeVisible();
  // Enter was the scanner's, not the citizen's: no validation errors, still on the form.
  await expect(page.getByText('Vui lòng nhập mật khẩu.')).toBeHidden();
  await expect(new KioskPage(page).heading(labels.vi.login)).toBeVisible();
  await new KioskPage(page).shot('scan-scanner-filled-vi');
});

test('a scan with nothing focused anywhere on the form fills it, Vietnamese letters included', async ({ page }) => {
  const id = await openLogin(page);
  await scan(page, nhungCard.payload);
  await expect(id).toHaveValue(nhungCard.citizenId);
  await expect(page.getByText(checkMessage)).toBeVisible();
});

test('a scan while the camera dialog is open closes it and fills the form', async ({ page }) => {
  const id = await openLogin(page);
  await page.getByRole('button', { name: 'Quét CCCD' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Quét mã QR trên thẻ CCCD' });
  await expect(dialog).toBeVisible();
  await scan(page, nhungCard.payload);
  await expect(dialog).toBeHidden();
  await expect(id).toHaveValue(nhungCard.citizenId);
  await expect(page.getByRole('button', { name: 'Quét CCCD' })).toBeFocused();
});

test('a QR that is not a CCCD, or a CCCD with an impossible ID, fills nothing and says so', async ({ page }) => {
  const id = await openLogin(page);
  await id.tap();
  await scan(page, notCccdPayload);
  await expect(page.getByText('Mã vừa quét không phải mã QR của thẻ CCCD', { exact: false })).toBeVisible();
  await expect(id).toHaveValue('');
  await new KioskPage(page).shot('scan-scanner-not-cccd-vi');

  await scan(page, badProvincePayload);
  await expect(page.getByText('Số CCCD trong mã QR không hợp lệ', { exact: false })).toBeVisible();
  await expect(id).toHaveValue('');
  await expect(page.getByText(checkMessage)).toBeHidden();
});

test('a citizen typing slowly on a physical keyboard is not taken for a scanner', async ({ page }) => {
  const id = await openLogin(page);
  await id.focus();
  await page.keyboard.type('066185000123', { delay: 90 });
  await expect(id).toHaveValue('066185000123');
  await expect(page.getByText(checkMessage)).toBeHidden();
});

test('a kiosk with no camera says so plainly in the scan dialog, and the scanner still works', async ({ page }) => {
  const id = await openLogin(page);
  await page.getByRole('button', { name: 'Quét CCCD' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Quét mã QR trên thẻ CCCD' });
  await expect(dialog.getByRole('alert')).toContainText('Kiosk không tìm thấy camera');
  await page.screenshot({ path: 'test-results/screenshots/scan-no-camera-vi.png' });
  await scan(page, nhungCard.payload);
  await expect(dialog).toBeHidden();
  await expect(id).toHaveValue(nhungCard.citizenId);
});
