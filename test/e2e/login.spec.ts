import { expect, test } from '@playwright/test';
import { KioskPage, labels } from './kiosk-page';
import { latestOtp, simControl, useSimulatorAndKiosk } from './processes';

const nhung = { id: '066185000123', password: 'Demo@2026', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };

const env = useSimulatorAndKiosk({ resetBeforeEach: true });

for (const lang of ['vi', 'en'] as const) {
  test(`a seeded citizen logs in with ID, password and the SMS OTP, then finishes (${lang})`, async ({ page }) => {
    const k = new KioskPage(page);
    const l = labels[lang];
    await page.goto(env.kiosk.url);
    if (lang === 'en') await k.switchToEnglish();
    await expect(page.getByRole('button', { name: new RegExp(`^${l.login}`) })).toBeVisible();
    await k.shot(`01-start-${lang}`);

    await k.button(new RegExp(`^${l.login}`)).click();
    await k.shot(`02-login-method-${lang}`);
    await k.button(new RegExp(`^${l.national}`)).click();
    await k.shot(`03-login-account-${lang}`);
    await k.button(new RegExp(`^${l.portalAccount}`)).click();
    await k.shot(`04-login-form-${lang}`);

    // A clerk types the number the way it is printed on the card.
    await k.submitCredentials('066 185 000 123', nhung.password, lang);
    await expect(page.getByText('091••••678')).toBeVisible();
    await expect(page.getByText(lang === 'vi' ? /Mã hết hạn sau 0[45]:/ : /expires in 0[45]:/)).toBeVisible();
    await expect(k.button(new RegExp(`${l.resend}`))).toBeDisabled();
    await k.shot(`05-otp-${lang}`);

    await k.submitOtp(await latestOtp(env.sim.url, nhung.phone), lang);
    await expect(k.heading(new RegExp(nhung.name))).toBeVisible();
    await k.shot(`06-home-${lang}`);

    await page.locator('main').getByRole('button', { name: l.finish }).click();
    // Back at the start, in Vietnamese again for the next citizen.
    await expect(k.button(/^Đăng nhập/)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });
}

test('a malformed ID is explained beside the field as the citizen leaves it', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  const id = page.getByLabel('CMND hoặc CCCD');
  await id.fill('12345');
  await page.getByLabel('Mật khẩu').first().focus();
  await expect(page.getByText('Số CMND có 9 số, số CCCD có 12 số.', { exact: false })).toBeVisible();
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await id.fill('999185000123');
  await page.getByLabel('Mật khẩu').first().focus();
  await expect(page.getByText('Ba số đầu của CCCD không phải mã tỉnh hợp lệ', { exact: false })).toBeVisible();
  await k.shot('10-error-malformed-id-vi');
  await k.switchToEnglish();
  await expect(page.getByText('The first three digits of the CCCD are not a valid province code', { exact: false })).toBeVisible();
  await k.shot('10-error-malformed-id-en');
});

test('an unknown ID and a wrong password each get their own message', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await k.submitCredentials('066190009999', 'Whatever1!');
  await expect(k.alert()).toContainText('Không tìm thấy tài khoản');
  await k.shot('11-error-unknown-id-vi');

  await k.submitCredentials(nhung.id, 'Sai@mat-khau');
  await expect(k.alert()).toContainText('Mật khẩu không đúng');
  await expect(k.alert()).toContainText('còn 4 lần');
  await expect(page.getByLabel('Mật khẩu').first()).toHaveValue('');
  await k.shot('12-error-wrong-password-vi');
});

test('a wrong OTP counts down the tries left, and the lockout sends the citizen back to log in', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await k.logInToOtp(nhung.id, nhung.password);
  const real = await latestOtp(env.sim.url, nhung.phone);
  const wrong = real === '000000' ? '111111' : '000000';
  await k.submitOtp(wrong);
  await expect(k.alert()).toContainText('Mã OTP không đúng. Bạn còn 4 lần nhập.');
  await expect(page.getByText('Bạn còn 4 lần nhập.', { exact: false }).first()).toBeVisible();
  await k.shot('13-error-wrong-otp-vi');
  for (const left of [3, 2, 1]) {
    await k.submitOtp(wrong);
    await expect(k.alert()).toContainText(`Bạn còn ${left} lần nhập.`);
  }
  await k.submitOtp(wrong);
  await expect(k.alert()).toContainText('quá số lần cho phép');
  await k.shot('14-error-otp-locked-vi');
  await k.button('Đăng nhập').click();
  await expect(page.getByLabel('CMND hoặc CCCD')).toBeVisible();
});

test('an expired OTP is refused and a resent one works after the cooldown', async ({ page }) => {
  const k = new KioskPage(page);
  await page.clock.install();
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await k.logInToOtp(nhung.id, nhung.password);
  const first = await latestOtp(env.sim.url, nhung.phone);
  await expect(k.button(/^Gửi lại OTP sau 0[01]:/)).toBeDisabled();

  // Five minutes pass, on the simulator's clock and on the kiosk screen's.
  await simControl(env.sim.url, '/__sim/clock', { advanceSeconds: 301 });
  // The citizen keeps touching the screen meanwhile, so the idle timeout does not end the visit.
  for (let i = 0; i < 4; i++) {
    await page.clock.fastForward(76_000);
    await page.locator('.screen__lead').click();
  }
  await expect(page.getByText('Mã OTP đã hết hạn').first()).toBeVisible();
  await k.submitOtp(first);
  await expect(k.alert()).toContainText('Mã OTP đã hết hạn');
  await k.shot('15-error-otp-expired-vi');

  await k.button('Gửi lại OTP').click();
  await expect(page.getByText('Đã gửi mã OTP mới')).toBeVisible();
  const second = await latestOtp(env.sim.url, nhung.phone);
  await k.submitOtp(second);
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();
});

test('when the provincial API cannot be reached the citizen is told plainly', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await simControl(env.sim.url, '/__sim/faults', { mode: 'drop' });
  await k.submitCredentials(nhung.id, nhung.password);
  await expect(k.alert()).toContainText('Kiosk đang mất kết nối tới hệ thống dịch vụ công');
  await k.shot('16-error-network-vi');
  await k.switchToEnglish();
  await expect(k.alert()).toContainText('cannot reach the public-service system');
  await k.shot('16-error-network-en');
});

test('an idle citizen is warned, can ask for more time, and is then wiped back to the start', async ({ page }) => {
  const k = new KioskPage(page);
  await page.clock.install();
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  await k.logInToOtp(nhung.id, nhung.password);
  await k.submitOtp(await latestOtp(env.sim.url, nhung.phone));
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();

  await page.clock.runFor(95_000);
  const dialog = page.getByRole('alertdialog', { name: 'Bạn còn ở đây không?' });
  await expect(dialog).toBeVisible();
  await k.shot('17-idle-warning-vi');
  await dialog.getByRole('button', { name: 'Tôi cần thêm thời gian' }).click();
  await expect(dialog).toBeHidden();
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();

  await page.clock.runFor(125_000);
  await expect(k.button(/^Đăng nhập/)).toBeVisible();
  await expect(page.getByText(nhung.name)).toHaveCount(0);
});
