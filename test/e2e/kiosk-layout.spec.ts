import { writeFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LayoutChecker } from './layout-checks';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { startKiosk, type Running } from './processes';

/**
 * Every screen on the kiosk's own panels (the `kiosk-*` projects: 1920×1080, 1080×1920,
 * 1366×768), walked the way a citizen goes through them: by touch alone, typing on the
 * on-screen keyboard, reading the OTP from the demo phone and the verification code from the
 * screen. On each screen LayoutChecker measures every target, looks for page scroll and for
 * anything cut off at the largest text size, runs axe and takes the screenshots (both
 * languages); on each screen with a text field, the primary button must be on screen above the
 * keyboard right after typing, and one tap on it must do its work.
 */
test.describe.configure({ mode: 'serial' });

let kiosk: Running & { dataDir: string };
test.beforeAll(async () => {
  // DEMO mode, as `npm start` shows it on a fresh machine: its own simulator, demo phone and
  // printer, sample documents to attach.
  kiosk = await startKiosk();
});
test.afterAll(async () => kiosk?.stop());
test.afterEach(async ({}, testInfo) => {
  // The kiosk's own log beside the failure's screenshot and trace.
  if (testInfo.status !== testInfo.expectedStatus) writeFileSync(testInfo.outputPath('kiosk.log'), kiosk.output());
});

const yam = { name: "H'Yăm Êban", id: '066301004321', birth: '03/09/2001', phone: '0388765432' };
const nhung = { name: 'Nguyễn Thị Hồng Nhung', id: '066185000123', phone: '0912345678' };
const newPassword = 'Kiosk@2026';
let dossierCode = '';

function actions(page: Page): Locator {
  return page.getByTestId('action-bar');
}
function action(page: Page, name: string | RegExp): Locator {
  return actions(page).getByRole('button', { name, exact: typeof name === 'string' });
}
function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}
function choice(page: Page, title: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${title}`) }).first();
}

/** The newest OTP on the demo phone, once a message other than `before` is on top. */
async function otpFromDemoPhone(page: Page, before: string | null): Promise<string> {
  const sms = page.getByTestId('demo-sms');
  let code = '';
  await expect
    .poll(async () => {
      const text = (await sms.allTextContents())[0] ?? '';
      code = /\b(\d{6})\b/.exec(text)?.[1] ?? '';
      return code !== '' && text !== before;
    }, { message: 'a new OTP on the demo phone' })
    .toBe(true);
  return code;
}
/** The message on top of the demo phone now, before an action that sends a new one. */
async function topSms(page: Page): Promise<string | null> {
  return (await page.getByTestId('demo-sms').allTextContents())[0] ?? null;
}

async function typeInto(osk: OnScreenKeyboardPage, field: Locator, text: string, how: 'plain' | 'vietnamese' = 'plain') {
  await field.tap();
  if (how === 'vietnamese') await osk.tapVietnamese(text);
  else await osk.tapPlain(text);
  await expect(field).toHaveValue(text.normalize('NFC'));
}

test('registration, login and a dossier with postal delivery, by touch alone', async ({ page }, testInfo) => {
  // The longest test: every character typed by a tap, every screen checked for layout and axe,
  // on each panel: 2.8–3.2 min at load 18, 4.7–5.4 min at load 25 with a second suite running.
  // A stuck step still fails in 15–20 s (expect and action timeouts); this only bounds a walk
  // that keeps moving.
  test.setTimeout(540_000);
  const check = new LayoutChecker(page, testInfo);
  const osk = check.osk;
  await page.goto(kiosk.url);
  await expect(choice(page, 'Đăng ký')).toBeVisible();
  await check.screen('01-start', { axeContrast: true });

  await choice(page, 'Đăng ký').tap();
  await expect(heading(page, 'Đăng ký')).toBeVisible();
  await check.screen('02-register-type');
  await choice(page, 'Công dân').tap();
  await check.screen('03-register-method');
  await choice(page, 'Thuê bao di động').tap();
  await expect(heading(page, 'Đăng ký bằng thuê bao di động')).toBeVisible();
  await check.screen('04-register-form');

  const name = page.getByLabel('Họ và tên');
  await check.keyboard('04-register-form-text', name);
  await osk.tapVietnamese(yam.name);
  await expect(name).toHaveValue(yam.name);
  await typeInto(osk, page.getByLabel('Số CMND/CCCD'), yam.id);
  await check.keyboard('04-register-form-numeric', page.getByLabel('Số CMND/CCCD'), { axe: false });
  const birth = page.getByLabel('Ngày sinh');
  await check.keyboard('04-register-form-date', birth, { axe: false });
  await osk.tapPlain(yam.birth);
  await page.getByRole('radio', { name: 'Nữ', exact: true }).tap();
  await typeInto(osk, page.getByLabel('Số điện thoại di động'), yam.phone);
  await check.keyboard('04-register-form-email', page.getByLabel('Thư điện tử (email)'));
  const picker = page.getByRole('dialog');
  await check.screen('05-commune-picker', {
    prepare: async () => {
      await page.getByRole('button', { name: /^(Xã \/ Phường|Commune \/ Ward)/ }).tap();
      await expect(picker).toBeVisible();
    },
    cleanup: async () => {
      await picker.getByRole('button', { name: /^(Đóng|Close)$/ }).tap();
      await expect(picker).toBeHidden();
    },
  });
  await picker.getByRole('textbox').tap();
  await osk.tapPlain('hoa phu');
  await check.shot('05-commune-picker-keyboard-vi');
  await picker.getByRole('option', { name: 'Xã Hòa Phú' }).tap();
  await expect(picker).toBeHidden();
  const street = page.getByLabel('Số nhà, đường, thôn, buôn');
  await street.tap();
  await osk.tapVietnamese('Buôn Ko Tam');
  await check.shot('04-register-form-filled-keyboard-vi');
  let before = await topSms(page);
  await check.primaryWhileTyping('register form', action(page, 'Đăng ký'), async () => {
    await expect(heading(page, 'Xác nhận mã OTP')).toBeVisible();
  });

  // OTP for the registration.
  await check.screen('06-register-otp', { axeContrast: true });
  const otpField = page.getByLabel('Mã OTP');
  await typeInto(osk, otpField, await otpFromDemoPhone(page, before));
  await check.primaryWhileTyping('registration OTP', action(page, 'Xác nhận'), async () => {
    await expect(heading(page, 'Đặt mật khẩu')).toBeVisible();
  });

  await check.screen('07-register-password');
  await check.keyboard('07-register-password', page.getByRole('textbox', { name: 'Mật khẩu', exact: true }));
  await osk.tapPlain(newPassword);
  await typeInto(osk, page.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true }), newPassword);
  await check.primaryWhileTyping('new password', action(page, 'Đăng ký'), async () => {
    await expect(heading(page, 'Đăng ký tài khoản thành công')).toBeVisible();
  });
  await check.screen('08-register-done');

  // "Đăng nhập" right after registering: the ID is not asked again.
  await choice(page, 'Đăng nhập').tap();
  await expect(heading(page, 'Đăng nhập')).toBeVisible();
  await expect(page.getByLabel('CMND hoặc CCCD')).toHaveValue(yam.id);
  await check.screen('09-login-form');
  const password = page.getByRole('textbox', { name: 'Mật khẩu', exact: true });
  await check.keyboard('09-login-form-password', password);
  await osk.tapPlain(newPassword);
  before = await topSms(page);
  await check.primaryWhileTyping('login form', action(page, 'Đăng nhập'), async () => {
    await expect(heading(page, 'Xác nhận mã OTP')).toBeVisible();
  });
  await check.screen('10-login-otp');
  await typeInto(osk, otpField, await otpFromDemoPhone(page, before));
  await check.primaryWhileTyping('login OTP', action(page, 'Xác nhận'), async () => {
    await expect(heading(page, /H'Yăm Êban/)).toBeVisible();
  });
  await check.screen('11-home');

  // "Nộp hồ sơ": step 2, the search typed on the keyboard and the result chosen with it up.
  await choice(page, 'Nộp hồ sơ').tap();
  await expect(page.getByText('Bước 2/7')).toBeVisible();
  await check.screen('12-wizard-2-procedure');
  await typeInto(osk, page.getByLabel('Tìm thủ tục'), 'dang ki khai sinh');
  await check.shot('12-wizard-2-procedure-search-keyboard-vi');
  await page.getByRole('button', { name: /^Thủ tục đăng ký khai sinh/ }).first().tap();
  await expect(page.getByRole('region', { name: 'Thông tin thủ tục' }).first()).toBeVisible();
  await check.shot('12-wizard-2-procedure-chosen-vi');
  await page.getByLabel('Tìm thủ tục').tap();
  await osk.ready();
  await check.primaryWhileTyping('wizard step 2', action(page, 'Nộp hồ sơ'), async () => {
    await expect(page.getByText('Bước 3/7')).toBeVisible();
  });
  await check.screen('13-wizard-3-agency');
  await page.getByRole('button', { name: /^UBND xã Hòa Phú/ }).tap();
  await action(page, 'Đồng ý và tiếp tục').tap();

  // Step 4: the contact details, one of them typed.
  await expect(page.getByText('Bước 4/7')).toBeVisible();
  await check.screen('14-wizard-4-applicant');
  const email = page.getByLabel('Thư điện tử (email)');
  await typeInto(osk, email, 'hyam@example.vn');
  await check.primaryWhileTyping('wizard step 4', action(page, 'Đồng ý và tiếp tục'), async () => {
    await expect(page.getByText('Bước 5/7')).toBeVisible();
  });

  // Step 5: files from the demo's sample folder.
  await check.screen('15-wizard-5-attachments');
  for (const documentId of ['d1', 'd2', 'd6']) {
    const slot = page.locator(`[data-document="${documentId}"]`);
    const dialog = page.getByRole('dialog');
    const open = async () => {
      await slot.getByRole('button', { name: /^(Chọn tệp|Choose a file)/ }).tap();
      await expect(dialog).toBeVisible();
    };
    if (documentId === 'd1') {
      await check.screen('16-file-picker', {
        prepare: open,
        cleanup: async () => {
          await dialog.getByRole('button', { name: /^(Đóng|Close)$/ }).tap();
          await expect(dialog).toBeHidden();
        },
      });
    } else await open();
    await dialog.getByRole('button', { name: documentId === 'd2' ? /^giay-chung-sinh-mau\.jpg/ : /^to-khai-mau\.pdf/ }).tap();
    await expect(slot.locator('.slot__file')).toBeVisible({ timeout: 20_000 });
  }
  await check.screen('15-wizard-5-attachments-done');
  await action(page, 'Đồng ý và tiếp tục').tap();

  // Step 6: by post, to the address just confirmed.
  await expect(page.getByText('Bước 6/7')).toBeVisible();
  await page.getByRole('button', { name: /^Nhận qua bưu chính công ích/ }).tap();
  const toContact = page.getByRole('button', { name: /^Địa chỉ liên hệ của tôi/ });
  await expect(toContact).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('contact-address')).toHaveText('Buôn Ko Tam, Xã Hòa Phú, Tỉnh Đắk Lắk — 0388765432');
  await check.screen('17-wizard-6-delivery');
  // Another address is typed here, its button above the keys too; then back to the one confirmed.
  await page.getByRole('button', { name: /^Một địa chỉ khác/ }).tap();
  await typeInto(osk, page.getByLabel('Số nhà, đường, thôn, buôn'), 'Buôn Ea Sar', 'vietnamese');
  await check.primaryAboveKeyboard('wizard step 6, another address', action(page, 'Đồng ý và tiếp tục'));
  await check.shot('17-wizard-6-delivery-other-keyboard-vi');
  await toContact.tap();
  await expect(toContact).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Số nhà, đường, thôn, buôn')).toHaveCount(0);
  await action(page, 'Đồng ý và tiếp tục').tap();

  // Step 7: the declaration ticked, the code read off the screen and typed, "Nộp hồ sơ".
  await expect(page.getByText('Bước 7/7')).toBeVisible();
  await expect(page.getByText('Buôn Ko Tam, Xã Hòa Phú, Tỉnh Đắk Lắk — 0388765432')).toBeVisible();
  await page.getByRole('button', { name: 'Không đọc được? Hiện mã dạng chữ' }).tap();
  const digits = page.locator('.captcha__glyph');
  await expect(digits.first()).toBeVisible();
  await check.screen('18-wizard-7-review');
  await page.getByText('Tôi xin chịu trách nhiệm trước pháp luật về lời khai trên').tap();
  await expect(page.getByLabel('Tôi xin chịu trách nhiệm trước pháp luật về lời khai trên')).toBeChecked();
  const code = (await digits.allTextContents()).join('');
  await typeInto(osk, page.getByLabel('Nhập mã xác nhận'), code);
  await check.primaryWhileTyping('wizard step 7', action(page, 'Nộp hồ sơ'), async () => {
    await expect(page.getByTestId('dossier-code')).toHaveText(/^H66-/, { timeout: 20_000 });
  });
  dossierCode = (await page.getByTestId('dossier-code').textContent()) ?? '';
  await check.screen('19-wizard-result');

  await action(page, 'In biên nhận').tap();
  await expect(heading(page, 'Biên nhận hồ sơ')).toBeVisible();
  await expect(page.getByTestId('print-outcome')).toContainText('Đã in biên nhận');
  await check.screen('20-receipt', { axeContrast: true });
  await page.getByRole('banner').getByRole('button', { name: 'Kết thúc' }).tap();
  await expect(choice(page, 'Đăng ký')).toBeVisible();
});

test('"Tra cứu hồ sơ", the clerk\'s receipts and outbox, by touch alone', async ({ page }, testInfo) => {
  // Long: typed by taps and checked screen by screen (25–30 s at load 18, 51 s at load 25).
  test.setTimeout(120_000);
  const check = new LayoutChecker(page, testInfo);
  const osk = check.osk;
  await page.goto(kiosk.url);
  await choice(page, 'Tra cứu hồ sơ').tap();
  await expect(heading(page, 'Tra cứu hồ sơ')).toBeVisible();
  await check.screen('21-lookup');
  const codeField = page.getByLabel('Mã hồ sơ');
  await check.keyboard('21-lookup-text', codeField);
  await osk.tapPlain(dossierCode.toLowerCase() || 'h66-000000-000000');
  await check.primaryWhileTyping('lookup', action(page, 'Tra cứu'), async () => {
    await expect(page.getByTestId('lookup-result')).toBeVisible();
  });
  await check.screen('22-lookup-result');
  await action(page, /Quay lại/).tap();

  // The clerk area, opened from the start screen at the receipts: one PIN for the receipts and
  // the outbox alike.
  await page.getByRole('button', { name: 'In lại biên nhận (cán bộ)' }).tap();
  await expect(heading(page, 'Cán bộ một cửa')).toBeVisible();
  await check.screen('23-clerk-pin');
  await typeInto(osk, page.getByLabel('Mã PIN cán bộ'), '246810');
  await check.primaryWhileTyping('clerk PIN', action(page, 'Mở khóa'), async () => {
    await expect(page.getByTestId('clerk-receipts')).toBeVisible();
  });
  await check.screen('24-clerk-receipts');
  await page.getByRole('button', { name: 'Hồ sơ chờ gửi', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Gửi ngay' })).toBeVisible();
  await expect(page.getByLabel('Mã PIN cán bộ')).toHaveCount(0);
  await check.screen('25-clerk-outbox');
  await action(page, 'Khóa').tap();
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);

  // "Cán bộ" on the status strip opens the same area, locked again after "Khóa".
  await page.getByRole('banner').getByRole('button', { name: 'Cán bộ' }).tap();
  await expect(page.getByLabel('Mã PIN cán bộ')).toBeVisible();
  await action(page, 'Đóng').tap();
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);
});

test('an ID that has an account: "Quên mật khẩu" and "Khiếu nại", by touch alone', async ({ page }, testInfo) => {
  // Long: typed by taps and checked screen by screen (38–47 s at load 18, 59–78 s at load 25).
  test.setTimeout(180_000);
  const check = new LayoutChecker(page, testInfo);
  const osk = check.osk;
  await page.goto(kiosk.url);
  await choice(page, 'Đăng ký').tap();
  await choice(page, 'Công dân').tap();
  await choice(page, 'Thuê bao di động').tap();
  await typeInto(osk, page.getByLabel('Họ và tên'), nhung.name, 'vietnamese');
  await typeInto(osk, page.getByLabel('Số CMND/CCCD'), nhung.id);
  await typeInto(osk, page.getByLabel('Ngày sinh'), '15/03/1985');
  await page.getByRole('radio', { name: 'Nữ', exact: true }).tap();
  await typeInto(osk, page.getByLabel('Số điện thoại di động'), nhung.phone);
  await page.getByRole('button', { name: /^Xã \/ Phường/ }).tap();
  await page.getByRole('dialog').getByRole('textbox').tap();
  await osk.tapPlain('tan an');
  await page.getByRole('dialog').getByRole('option', { name: 'Phường Tân An' }).tap();
  await typeInto(osk, page.getByLabel('Số nhà, đường, thôn, buôn'), '12', 'plain');
  await check.primaryWhileTyping('register form (existing account)', action(page, 'Đăng ký'), async () => {
    await expect(heading(page, 'Số CMND/CCCD này đã có tài khoản')).toBeVisible();
  });
  await check.screen('27-account-exists');

  await choice(page, 'Khiếu nại').tap();
  await expect(heading(page, 'Khiếu nại')).toBeVisible();
  await check.screen('28-complaint');
  const description = page.getByLabel('Nội dung khiếu nại');
  await check.keyboard('28-complaint-text', description, { axe: false });
  await osk.tapVietnamese('Tôi không đăng ký tài khoản này');
  await check.primaryWhileTyping('complaint', action(page, 'Gửi khiếu nại'), async () => {
    await expect(heading(page, 'Đã gửi khiếu nại')).toBeVisible();
  });
  await check.screen('29-complaint-done');
  await action(page, 'Kết thúc').tap();
  await expect(choice(page, 'Đăng ký')).toBeVisible();

  await choice(page, 'Đăng nhập').tap();
  await choice(page, 'Đăng nhập Cổng DVC Quốc gia').tap();
  await choice(page, 'Tài khoản cấp bởi Cổng dịch vụ công quốc gia').tap();
  await page.getByRole('button', { name: 'Quên mật khẩu' }).tap();
  await expect(heading(page, 'Quên mật khẩu')).toBeVisible();
  await check.screen('30-forgot-password');
  await typeInto(osk, page.getByLabel('Số CMND/CCCD'), nhung.id);
  await typeInto(osk, page.getByLabel('Số điện thoại đã đăng ký'), nhung.phone);
  const before = await topSms(page);
  await check.primaryWhileTyping('forgot password', action(page, 'Gửi mã OTP'), async () => {
    await expect(heading(page, 'Xác nhận mã OTP')).toBeVisible();
  });
  await typeInto(osk, page.getByLabel('Mã OTP'), await otpFromDemoPhone(page, before));
  await check.primaryWhileTyping('password reset OTP', action(page, 'Xác nhận'), async () => {
    await expect(heading(page, 'Đặt mật khẩu mới')).toBeVisible();
  });
  await check.screen('31-new-password');
});
