import { expect, test, type Page } from '@playwright/test';
import { checkScreen } from './a11y';
import { nhungCard } from './cccd-payloads';
import { KioskPage } from './kiosk-page';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { useSimulatorAndKiosk } from './processes';
import { scanWithUsbScanner } from './usb-scanner';

/** The registration form filled by touch alone, from the card's QR code, and checked with axe. */
const env = useSimulatorAndKiosk();

async function openRegistrationForm(page: Page) {
  const k = new KioskPage(page);
  // A fresh page: the kiosk URL differs from the current one only in its fragment.
  await page.goto('about:blank');
  await page.goto(env.kiosk.url);
  await k.button(/^Đăng ký/).first().tap();
  await k.button(/^Công dân/).tap();
  await k.button(/^Thuê bao di động/).tap();
  await expect(k.heading('Đăng ký bằng thuê bao di động')).toBeVisible();
}

const names = ['Nguyễn Thị Hồng Nhung', 'Đặng Thuỳ Trâm', "H'Hen Niê"];

test('names with every tone, đ, ư, ơ and an apostrophe are typed by taps alone and held as NFC', async ({ page }) => {
  await openRegistrationForm(page);
  const osk = new OnScreenKeyboardPage(page);
  const name = page.getByLabel('Họ và tên');
  await name.tap();
  await expect(osk.key(/Dấu ngã/)).toBeVisible();
  for (const full of names) {
    await osk.tapVietnamese(full);
    await expect(name).toHaveValue(full.normalize('NFC'));
    expect(await name.evaluate((el: HTMLInputElement) => el.value === el.value.normalize('NFC'))).toBe(true);
    // Backspace takes whole letters: one tap per letter empties the field.
    for (let i = 0; i < [...new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(full)].length; i++) {
      await osk.tap(/^(Xóa một ký tự|Delete one character)$/);
    }
    await expect(name).toHaveValue('');
  }
  await osk.tapVietnamese(names[0]!);
  await osk.done();
  // The form's validation ran on leaving the field, as with a keyboard, and accepted the name.
  await expect(page.locator('.field', { has: name }).getByRole('alert')).toHaveCount(0);
  await expect(name).toHaveValue(names[0]!);

  // The commune picker's search box is a text field too.
  await page.getByRole('button', { name: /^Xã \/ Phường/ }).tap();
  const search = page.getByRole('dialog').getByRole('textbox');
  await search.tap();
  await osk.tapPlain('hoa phu');
  await page.getByRole('option', { name: 'Xã Hòa Phú' }).tap();
  await expect(page.getByRole('button', { name: /^Xã \/ Phường/ })).toContainText('Xã Hòa Phú');
});

test('the birth date is typed on a keypad that has the "/" the hint shows, and eight bare digits work too', async ({ page }) => {
  await openRegistrationForm(page);
  const osk = new OnScreenKeyboardPage(page);
  const birth = page.getByLabel('Ngày sinh');
  await birth.tap();
  await expect(osk.key('/')).toBeVisible();
  await osk.tapPlain('12/03/1985');
  await expect(birth).toHaveValue('12/03/1985');
  await osk.done();
  await expect(page.locator('.field', { has: birth }).getByRole('alert')).toHaveCount(0);
  await birth.tap();
  for (let i = 0; i < 10; i++) await osk.tap(/^(Xóa một ký tự|Delete one character)$/);
  await osk.tapPlain('12031985');
  await osk.done();
  await expect(page.locator('.field', { has: birth }).getByRole('alert')).toHaveCount(0);
});

test('a USB scanner fills name, ID, birth date, gender and address from the card', async ({ page }) => {
  await openRegistrationForm(page);
  await scanWithUsbScanner(page, nhungCard.payload);
  await expect(page.getByLabel('Họ và tên')).toHaveValue(nhungCard.fullName);
  await expect(page.getByLabel('Số CMND/CCCD')).toHaveValue(nhungCard.citizenId);
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('15/03/1985');
  await expect(page.getByRole('radio', { name: 'Nữ' })).toBeChecked();
  await expect(page.getByLabel('Số nhà, đường, thôn, buôn')).toHaveValue('Thôn 3');
  await expect(page.getByRole('button', { name: /^Xã \/ Phường/ })).toContainText('Xã Hòa Phú');
  await expect(page.getByText('Hãy kiểm tra lại thông tin vừa điền.', { exact: false })).toBeVisible();
  await new KioskPage(page).shot('scan-registration-filled-vi');
});

test('each keyboard layout, in both languages, in large text and in high contrast', async ({ page }) => {
  // Long: every layout in both languages, large text and high contrast (25 s at load 18).
  test.setTimeout(90_000);
  const osk = new OnScreenKeyboardPage(page);
  const fields = {
    text: page.locator('input[data-keyboard="text"]').first(),
    numeric: page.locator('input[data-keyboard="numeric"]').first(),
    date: page.locator('input[data-keyboard="date"]').first(),
    email: page.locator('input[data-keyboard="email"]').first(),
  };
  const textSize = page.getByRole('button', { name: /^(Cỡ chữ|Text size)/ });
  const looks = [
    { name: 'vi', lang: 'vi', size: 0, contrast: false },
    { name: 'en', lang: 'en', size: 0, contrast: false },
    { name: 'vi-large', lang: 'vi', size: 1, contrast: false },
    { name: 'vi-xlarge', lang: 'vi', size: 2, contrast: false },
    { name: 'vi-contrast', lang: 'vi', size: 0, contrast: true },
    { name: 'en-contrast-large', lang: 'en', size: 1, contrast: true },
  ] as const;
  for (const look of looks) {
    await openRegistrationForm(page);
    if (look.lang === 'en') await new KioskPage(page).switchToEnglish();
    for (let i = 0; i < look.size; i++) await textSize.click();
    if (look.contrast) await page.getByRole('button', { name: /^(Tương phản cao|High contrast)$/ }).click();
    for (const [layout, field] of Object.entries(fields)) {
      await field.tap();
      await expect(osk.root).toBeVisible();
      // The field being filled is never under the keyboard (the page scrolls it into view).
      await expect
        .poll(async () => {
          const fieldBox = (await field.boundingBox())!;
          const keysBox = (await osk.root.boundingBox())!;
          return fieldBox.y >= 0 && fieldBox.y + fieldBox.height <= keysBox.y;
        }, { message: `${layout} ${look.name}` })
        .toBe(true);
      await page.screenshot({ path: `test-results/screenshots/keyboard/${layout}-${look.name}.png` });
    }
    if (look.size === 0 && !look.contrast) {
      await fields.text.tap();
      await osk.key(/^(Số và ký hiệu|Numbers and symbols)$/).tap();
      await page.screenshot({ path: `test-results/screenshots/keyboard/text-symbols-${look.name}.png` });
    }
  }
});

test('the registration screens have no serious accessibility problems, keyboards open or not', async ({ page }) => {
  // Long: axe on each registration screen with its keyboards open and closed (1.3–1.9 min at load 18–25).
  test.setTimeout(300_000);
  const k = new KioskPage(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.goto(env.kiosk.url);
  await k.button(/^Đăng ký/).first().click();
  await checkScreen(page, 'register-type');
  await k.button(/^Công dân/).click();
  await checkScreen(page, 'register-method');
  await k.button(/^Thuê bao di động/).click();
  await checkScreen(page, 'register-form');
  for (const layout of ['text', 'email'] as const) {
    await checkScreen(page, `register-form-${layout}-keyboard`, {
      prepare: async () => {
        await page.locator(`input[data-keyboard="${layout}"]`).first().tap();
        await expect(osk.root).toBeVisible();
      },
    });
  }
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await checkScreen(page, 'register-form-errors');
});
