import { expect, test } from '@playwright/test';
import { KioskPage, labels } from './kiosk-page';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { latestOtp, useSimulatorAndKiosk } from './processes';

const nhung = { id: '066185000123', password: 'Demo@2026', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };

const env = useSimulatorAndKiosk({ resetBeforeEach: true });

test('a citizen logs in with taps on the on-screen keyboard alone', async ({ page }) => {
  const k = new KioskPage(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.goto(env.kiosk.url);
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

  await page.getByTestId('action-bar').getByRole('button', { name: labels.vi.login, exact: true }).tap();
  const otp = page.getByLabel(labels.vi.otpLabel);
  await expect(otp).toBeVisible();
  await otp.tap();
  await osk.tapPlain(await latestOtp(env.sim.url, nhung.phone));
  await osk.done();
  await k.button(labels.vi.confirm).tap();
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();
});
