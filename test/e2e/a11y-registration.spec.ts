import { expect, test } from '@playwright/test';
import { checkScreen, setLook } from './a11y';
import { latestOtp, useSimulatorAndKiosk } from './processes';
import { RegistrationPage } from './registration-helpers';

/**
 * axe on the registration screens that a11y-screens.spec.ts does not reach: the registration OTP,
 * the password with its checklist, the success screen, and the existing-account branch with
 * "Quên mật khẩu" and "Khiếu nại" — in both languages and both themes.
 */
const env = useSimulatorAndKiosk({ kiosk: { config: { keyboard: 'never' } } });

const vi = { lang: 'vi', contrast: false } as const;

test('the registration OTP, password, success and existing-account screens have no serious accessibility problems', async ({ page }) => {
  // Long: axe on each screen in four looks (vi/en, normal/high contrast): 1.0–1.4 min at load 18.
  test.setTimeout(240_000);
  const r = new RegistrationPage(page, 'vi');
  const check = async (name: string) => {
    await checkScreen(page, name);
    await setLook(page, vi);
  };

  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill({
    fullName: 'Lê Văn Hùng',
    citizenId: '066090123456',
    birthDate: '14/05/1990',
    gender: 'male',
    phone: '0961234567',
    communeSearch: 'buon ma thuot',
    commune: 'Phường Buôn Ma Thuột',
    addressDetail: '5 Nguyễn Tất Thành',
  });
  await r.submitForm();
  await expect(page.getByText('096••••567')).toBeVisible();
  await check('registration-otp');
  await r.submitOtp(await latestOtp(env.sim.url, '0961234567'));

  await expect(page.getByRole('textbox', { name: r.l.confirm, exact: true })).toBeVisible();
  await r.setPassword('Kiosk@Dak2026', 'Kiosk@Dak2025');
  await check('registration-password');
  await r.setPassword('Kiosk@Dak2026');
  await page.getByTestId('action-bar').getByRole('button', { name: r.l.register, exact: true }).click();
  await expect(r.heading(r.l.doneHeading)).toBeVisible();
  await check('registration-done');

  await page.getByRole('button', { name: 'Về trang đầu' }).click();
  await r.openForm();
  await r.fill({
    fullName: 'Nguyễn Thị Hồng Nhung',
    citizenId: '066185000123',
    birthDate: '12/03/1985',
    gender: 'female',
    phone: '0912345678',
    communeSearch: 'hoa phu',
    commune: 'Xã Hòa Phú',
    addressDetail: 'Thôn 3',
  });
  await r.submitForm();
  await expect(r.heading('Số CMND/CCCD này đã có tài khoản')).toBeVisible();
  await check('registration-account-exists');

  await r.button(/^Khiếu nại/).click();
  await expect(r.field('Nội dung khiếu nại')).toBeVisible();
  await check('registration-complaint');
  await page.getByRole('button', { name: /Quay lại/ }).first().click();

  await r.button(/^Quên mật khẩu/).click();
  await expect(r.heading('Quên mật khẩu')).toBeVisible();
  await check('registration-forgot-password');
});
