import { expect, test } from '@playwright/test';
import { labels } from './kiosk-page';
import { latestOtp, simControl, useSimulatorAndKiosk } from './processes';
import { RegistrationPage, type Applicant } from './registration-helpers';

/** Sample citizens with a SIM in their own name and no account (simulator/seed/subscribers.ts). */
const hung: Applicant = {
  // What a clerk really types: decomposed letters, doubled spaces, a dotted date, a pasted +84 number.
  fullName: '  Lê  Văn   Hùng '.normalize('NFD'),
  citizenId: '066 090 123 456',
  birthDate: '14.05.1990',
  gender: 'male',
  phone: '+84 96 123 4567',
  communeSearch: 'buon ma thuot',
  commune: 'Phường Buôn Ma Thuột',
  addressDetail: '5 Nguyễn Tất Thành',
};
const yam: Applicant = {
  fullName: 'H’Yăm Êban',
  citizenId: '066301004321',
  birthDate: '03/09/2001',
  gender: 'female',
  phone: '0388 765 432',
  communeSearch: 'cu mgar',
  commune: "Xã Cư M'gar",
  addressDetail: 'Buôn Ko Tam',
};
const nhung = { id: '066185000123', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };
const STRONG = 'Kiosk@Dak2026';

const env = useSimulatorAndKiosk({
  // Typing by touch on the on-screen keyboard has its own specs (touch-keyboard, touch-registration); here a clerk's physical keyboard types.
  kiosk: { config: { keyboard: 'never' } },
  resetBeforeEach: true,
});

for (const lang of ['vi', 'en'] as const) {
  test(`a new citizen registers with their own mobile number and then logs in with the new password (${lang})`, async ({ page }) => {
    const r = new RegistrationPage(page, lang);
    const l = r.l;
    await page.goto(env.kiosk.url);
    if (lang === 'en') await r.switchToEnglish();
    await r.shot(`30-registration-start-${lang}`);
    await r.openForm('31-registration');
    await r.shot(`32-registration-form-empty-${lang}`);

    // Every error at once on "Đăng ký".
    await r.submitForm();
    await expect(page.locator('.field__error').first()).toBeVisible();
    expect(await page.locator('.field__error').count()).toBeGreaterThanOrEqual(6);
    await r.shot(`33-registration-form-errors-${lang}`);

    await r.fill(hung, `34-registration-commune-picker-${lang}`);
    await r.shot(`35-registration-form-filled-${lang}`);
    await r.submitForm();

    await expect(page.getByText('096••••567')).toBeVisible();
    await expect(r.button(new RegExp(labels[lang].resend))).toBeDisabled();
    await r.shot(`36-registration-otp-${lang}`);
    await r.submitOtp(await latestOtp(env.sim.url, '0961234567'), lang);

    await expect(page.getByRole('textbox', { name: l.confirm, exact: true })).toBeVisible();
    await r.shot(`37-registration-password-empty-${lang}`);
    await r.setPassword(STRONG);
    await expect(page.locator('[data-rule][data-met="false"]')).toHaveCount(0);
    await r.shot(`38-registration-password-ok-${lang}`);
    await page.getByTestId('action-bar').getByRole('button', { name: l.register, exact: true }).click();

    await expect(r.heading(l.doneHeading)).toBeVisible();
    await r.shot(`39-registration-done-${lang}`);
    await r.button(new RegExp(`^${l.login}`)).first().click();
    await r.logInToOtp('066090123456', STRONG, lang);
    await r.submitOtp(await latestOtp(env.sim.url, '0961234567'), lang);
    // The name was typed decomposed with extra spaces; the account holds it tidy, in NFC.
    await expect(r.heading(new RegExp('Lê Văn Hùng'))).toBeVisible();
  });
}

test('an ID that already has an account leads to "Quên mật khẩu": reset by OTP, then log in with the new password', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill({ fullName: nhung.name, citizenId: nhung.id, birthDate: '12/03/1985', gender: 'female', phone: nhung.phone, communeSearch: 'tan an', commune: 'Phường Tân An', addressDetail: '12 Lê Duẩn' });
  await r.submitForm();
  await expect(r.heading('Số CMND/CCCD này đã có tài khoản')).toBeVisible();
  await r.shot('40-registration-account-exists-vi');
  await r.switchToEnglish();
  await r.shot('40-registration-account-exists-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();

  await r.button(/^Quên mật khẩu/).click();
  await expect(r.field('Số điện thoại đã đăng ký')).toHaveValue(nhung.phone);
  await r.shot('41-registration-forgot-vi');
  await r.switchToEnglish();
  await r.shot('41-registration-forgot-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
  await page.getByTestId('action-bar').getByRole('button', { name: 'Gửi mã OTP' }).click();
  await expect(page.getByText('091••••678')).toBeVisible();
  await r.submitOtp(await latestOtp(env.sim.url, nhung.phone));

  await expect(r.heading('Đặt mật khẩu mới')).toBeVisible();
  await r.setPassword('Nhung@Moi2026');
  await r.shot('42-registration-reset-password-vi');
  await r.switchToEnglish();
  await r.shot('42-registration-reset-password-en');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(r.heading('Your new password is set')).toBeVisible();
  await r.shot('43-registration-reset-done-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
  await r.shot('43-registration-reset-done-vi');
  await r.button(/^Đăng nhập/).first().click();

  await r.submitCredentials(nhung.id, 'Demo@2026');
  await expect(r.alert()).toContainText('Mật khẩu không đúng');
  await r.logInToOtp(nhung.id, 'Nhung@Moi2026');
  await r.submitOtp(await latestOtp(env.sim.url, nhung.phone));
  await expect(r.heading(new RegExp(nhung.name))).toBeVisible();
});

test('"Quên mật khẩu" is also on the login form', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openLoginForm();
  await r.button(/^Quên mật khẩu/).click();
  await expect(r.heading('Quên mật khẩu')).toBeVisible();
  await r.field('Số CMND/CCCD').fill(nhung.id);
  await r.field('Số điện thoại đã đăng ký').fill('0961234567');
  await page.getByTestId('action-bar').getByRole('button', { name: 'Gửi mã OTP' }).click();
  await expect(r.alert()).toContainText('không phải số đã đăng ký với tài khoản');
});

test('an ID that already has an account leads to "Khiếu nại", which the API records', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill({ fullName: 'Nguyễn Thị Hồng Nhung', citizenId: nhung.id, birthDate: '12/03/1985', gender: 'female', phone: '0961234567', communeSearch: 'hoa phu', commune: 'Xã Hòa Phú', addressDetail: 'Thôn 3' });
  await r.submitForm();
  await r.button(/^Khiếu nại/).click();
  await expect(r.field('Họ và tên')).toHaveValue('Nguyễn Thị Hồng Nhung');
  await r.field('Nội dung khiếu nại').fill('Tôi chưa từng đăng ký tài khoản nhưng số CCCD của tôi đã có tài khoản.');
  await r.shot('44-registration-complaint-vi');
  await r.switchToEnglish();
  await r.shot('44-registration-complaint-en');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(r.heading('Complaint sent')).toBeVisible();
  await expect(page.getByText('KN-000001')).toBeVisible();
  await r.shot('45-registration-complaint-done-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
  await r.shot('45-registration-complaint-done-vi');

  const ledger = (await simControl(env.sim.url, '/__sim/complaints')) as { complaints: Array<Record<string, string>> };
  expect(ledger.complaints).toHaveLength(1);
  expect(ledger.complaints[0]).toMatchObject({ citizenId: nhung.id, phone: '0961234567', fullName: 'Nguyễn Thị Hồng Nhung' });
});

test('a mobile number that is not the citizen’s own is refused, saying what to do', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill({ ...yam, phone: '0911 222 333' });
  await r.submitForm();
  await expect(r.alert()).toContainText('không đăng ký chính chủ');
  await expect(r.alert()).toContainText('cửa hàng của nhà mạng');
  await expect(r.field('Số điện thoại di động')).toHaveAttribute('aria-invalid', 'true');
  await r.shot('46-registration-phone-not-owned-vi');
  await r.switchToEnglish();
  await expect(r.alert()).toContainText('mobile network’s store');
  await r.shot('46-registration-phone-not-owned-en');
});

test('a CCCD that disagrees with the birth year is explained beside the field as the citizen leaves it', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.field('Số CMND/CCCD').fill('066301004321');
  await r.field('Ngày sinh').fill('03/09/1991');
  await page.getByRole('radio', { name: 'Nữ' }).check();
  await r.field('Họ và tên').fill('H3ng');
  await r.field('Số điện thoại di động').focus();
  await expect(page.getByText('Họ và tên chỉ gồm chữ cái')).toBeVisible();
  await r.field('Số CMND/CCCD').focus();
  await r.field('Ngày sinh').focus();
  await r.shot('47-registration-field-errors-vi');
  await r.switchToEnglish();
  await r.shot('47-registration-field-errors-en');
});

test('registration OTP: wrong codes count down, then the lockout sends the citizen back to the form', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill(yam);
  await r.submitForm();
  const real = await latestOtp(env.sim.url, '0388765432');
  const wrong = real === '000000' ? '111111' : '000000';
  await r.submitOtp(wrong);
  await expect(r.alert()).toContainText('Mã OTP không đúng. Bạn còn 4 lần nhập.');
  await r.shot('48-registration-otp-wrong-vi');
  for (const left of [3, 2, 1]) {
    await r.submitOtp(wrong);
    await expect(r.alert()).toContainText(`Bạn còn ${left} lần nhập.`);
  }
  await r.submitOtp(wrong);
  await expect(r.alert()).toContainText('quá số lần cho phép');
  await r.shot('49-registration-otp-locked-vi');
  await r.switchToEnglish();
  await r.shot('49-registration-otp-locked-en');
  await page.getByRole('button', { name: 'Start again' }).click();
  // Back on the form, with what the citizen typed still there (tidied: ’ is stored as ').
  await expect(r.field('Full name')).toHaveValue("H'Yăm Êban");
});

test('registration OTP: resend waits for the cooldown, an expired code is refused, the new code works', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.clock.install();
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill(yam);
  await r.submitForm();
  const first = await latestOtp(env.sim.url, '0388765432');
  await expect(r.button(/^Gửi lại OTP sau 0[01]:/)).toBeDisabled();

  await simControl(env.sim.url, '/__sim/clock', { advanceSeconds: 301 });
  for (let i = 0; i < 4; i++) {
    await page.clock.fastForward(76_000);
    await page.locator('.screen__lead').click();
  }
  await expect(page.getByText('Mã OTP đã hết hạn').first()).toBeVisible();
  await r.submitOtp(first);
  await expect(r.alert()).toContainText('Mã OTP đã hết hạn');
  await r.shot('50-registration-otp-expired-vi');
  await r.button('Gửi lại OTP').click();
  await expect(page.getByText('Đã gửi mã OTP mới')).toBeVisible();
  // The cooldown starts again at once.
  await expect(r.button(/^Gửi lại OTP sau/)).toBeDisabled();
  await r.submitOtp(await latestOtp(env.sim.url, '0388765432'));
  await expect(page.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true })).toBeVisible();
});

test('a weak password and a mismatched confirmation are refused with the checklist showing what is missing', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.fill(yam);
  await r.submitForm();
  await r.submitOtp(await latestOtp(env.sim.url, '0388765432'));

  await r.setPassword('matkhau0388765432');
  await expect(page.locator('[data-rule="notPhone"]')).toHaveAttribute('data-met', 'false');
  await expect(page.locator('[data-rule="upper"]')).toHaveAttribute('data-met', 'false');
  await page.getByTestId('action-bar').getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Mật khẩu chưa đủ mạnh')).toBeVisible();
  await r.shot('51-registration-password-weak-vi');
  await r.switchToEnglish();
  await r.shot('51-registration-password-weak-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();

  await r.setPassword(STRONG, `${STRONG}x`);
  await page.getByTestId('action-bar').getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Hai mật khẩu chưa giống nhau')).toBeVisible();
  await r.shot('52-registration-password-mismatch-vi');
  await r.switchToEnglish();
  await r.shot('52-registration-password-mismatch-en');
  await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();

  await r.setPassword(STRONG);
  await page.getByTestId('action-bar').getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(r.heading('Đăng ký tài khoản thành công')).toBeVisible();
});

test('leaving the flow forgets the form: back at the start, a new registration starts empty', async ({ page }) => {
  const r = new RegistrationPage(page);
  await page.goto(env.kiosk.url);
  await r.openForm();
  await r.field('Họ và tên').fill('Lê Văn Hùng');
  for (let i = 0; i < 3; i++) await r.button(/Quay lại/).click();
  await r.openForm();
  await expect(r.field('Họ và tên')).toHaveValue('');
});
