import { expect, test } from '@playwright/test';
import { KioskPage } from './kiosk-page';
import { startKiosk, type Running } from './processes';

let kiosk: Running;
test.beforeAll(async () => {
  // No API configured: the kiosk starts its own simulator, as `npm start` does on a fresh machine.
  kiosk = await startKiosk();
});
test.afterAll(async () => kiosk?.stop());

test('with no API configured the kiosk runs in DEMO mode and shows the SMS it "sent" on a demo phone', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  await expect(page.getByRole('note')).toContainText('DEMO');
  const phone = page.getByRole('complementary', { name: 'Điện thoại demo' });
  await expect(phone).toContainText('Chưa có tin nhắn.');

  await k.openLoginForm();
  await k.submitCredentials('066079001234', 'Demo@2026');
  const sms = phone.getByTestId('demo-sms').first();
  await expect(sms).toContainText('0987654321');
  const otp = /\b(\d{6})\b/.exec((await sms.textContent()) ?? '')?.[1];
  expect(otp).toBeTruthy();
  await k.shot('20-demo-phone-vi');
  await k.submitOtp(otp!);
  await expect(k.heading(/Y Bhim Niê/)).toBeVisible();
  await k.shot('21-demo-home-vi');
});

test('the secret leaves the address bar once the page has it', async ({ page }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /^Đăng nhập/ })).toBeVisible();
  expect(page.url()).not.toContain('#k=');
  // A reload in the same window keeps working (the secret is kept for this tab only).
  await page.reload();
  await expect(page.getByRole('note')).toContainText('DEMO');
});
