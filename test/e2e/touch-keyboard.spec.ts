import { expect, test } from '@playwright/test';
import { KioskPage, labels } from './kiosk-page';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { latestOtp, simControl, startKiosk, startSimulator, type Running } from './processes';

const nhung = { id: '066185000123', password: 'Demo@2026', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };

let sim: Running;
let kiosk: Running;

test.beforeAll(async () => {
  sim = await startSimulator();
  kiosk = await startKiosk({ apiBaseUrl: sim.url });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sim?.stop();
});
test.beforeEach(async () => {
  await simControl(sim.url, '/__sim/reset', {});
});

test('a citizen logs in with taps on the on-screen keyboard alone', async ({ page }) => {
  const k = new KioskPage(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.goto(kiosk.url);
  await k.openLoginForm();

  const id = page.getByLabel(labels.vi.idLabel);
  await id.tap();
  await expect(osk.root).toBeVisible();
  await expect(osk.key('5')).toBeVisible();
  await expect(id).toBeFocused();
  await osk.tapPlain(nhung.id);
  await expect(id).toHaveValue(nhung.id);
  await expect(id).toBeFocused();
  await k.shot('kbd-numeric-vi');

  const password = page.getByLabel(labels.vi.passwordLabel).first();
  await password.tap();
  await expect(osk.key('q')).toBeVisible();
  await osk.tapPlain(nhung.password);
  await expect(password).toHaveValue(nhung.password);
  await k.shot('kbd-password-vi');
  await osk.done();
  await expect(password).not.toBeFocused();

  await page.locator('form').getByRole('button', { name: labels.vi.login, exact: true }).tap();
  const otp = page.getByLabel(labels.vi.otpLabel);
  await expect(otp).toBeVisible();
  await otp.tap();
  await osk.tapPlain(await latestOtp(sim.url, nhung.phone));
  await osk.done();
  await k.button(labels.vi.confirm).tap();
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();
});
