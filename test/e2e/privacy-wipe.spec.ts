import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { KioskPage, labels } from './kiosk-page';
import { latestOtp, startKiosk, type Running } from './processes';
import { WizardPage, makeUsbFolder, nhung } from './wizard-page';

/**
 * The next citizen sees nothing of the last one. A DEMO kiosk (its own simulator, the sample staff
 * accounts of the README, the printer emulator) with a scanner folder: a citizen files a dossier
 * and prints the receipt, a clerk unlocks the outbox beside them, and then everybody walks away.
 * The idle timeout wipes the kiosk (the page's clock is moved, not waited for).
 */
const scanner = makeUsbFolder(300_000);
const idleTimeoutSeconds = 60;
const bhim = { id: '066079001234', phone: '0987654321', name: 'Y Bhim Niê' };
const demoClerk = { pin: '246810', name: 'Nguyễn Thị Lan (mẫu)' };
let kiosk: Running;
let simUrl: string;

test.beforeAll(async () => {
  // No API configured: DEMO mode, with the README's sample staff.
  kiosk = await startKiosk({
    config: { keyboard: 'never', idleTimeoutSeconds, idleWarningSeconds: 10, attachments: { maxBytes: 300_000, folders: [{ id: 'scan', label: 'Máy quét', path: scanner.dir }] } },
  });
  simUrl = /built-in provincial API simulator at (\S+)/.exec(kiosk.output())![1]!;
});
test.afterAll(async () => {
  await kiosk?.stop();
  rmSync(scanner.dir, { recursive: true, force: true });
});

const words = {
  vi: { clerk: 'Cán bộ', pin: 'Mã PIN cán bộ', unlock: 'Mở khóa', unlockedAs: 'Đang mở khóa:', close: 'Đóng', phone: 'Điện thoại demo', noSms: 'Chưa có tin nhắn.', noFiles: 'Chưa có tệp mới' },
  en: { clerk: 'Clerk', pin: 'Clerk PIN', unlock: 'Unlock', unlockedAs: 'Unlocked by', close: 'Close', phone: 'Demo phone', noSms: 'No messages yet.', noFiles: 'No new files yet' },
} as const;

async function logIn(page: Page, who: { id: string; phone: string; name: string }, lang: 'vi' | 'en') {
  const k = new KioskPage(page);
  await k.openLoginForm(lang);
  await k.logInToOtp(who.id, 'Demo@2026', lang);
  await k.submitOtp(await latestOtp(simUrl, who.phone), lang);
  await expect(k.heading(new RegExp(who.name))).toBeVisible();
}

async function toAttachments(wz: WizardPage) {
  await wz.open();
  await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
  await wz.next();
  await wz.chooseAgency('UBND phường Buôn Ma Thuột');
  await wz.next();
  await wz.next();
  await wz.expectStep(5);
}

async function unlockClerk(page: Page, lang: 'vi' | 'en') {
  const w = words[lang];
  await page.getByRole('button', { name: w.clerk, exact: true }).click();
  await page.getByLabel(w.pin).fill(demoClerk.pin);
  await page.getByRole('button', { name: w.unlock, exact: true }).click();
  await expect(page.getByTestId('staff-name')).toHaveText(`${w.unlockedAs} ${demoClerk.name}`);
}

for (const lang of ['vi', 'en'] as const) {
  test(`a citizen wipe with the clerk panel open leaves it locked, and nothing of the visit is left for the next citizen (${lang})`, async ({ page }) => {
    const w = words[lang];
    const wz = new WizardPage(page, lang, scanner);
    const k = wz.k;
    const shot = (name: string) => k.shot(`privacy-${name}-${lang}`);
    await page.clock.install();
    await page.goto(kiosk.url);
    if (lang === 'en') await k.switchToEnglish();
    const phone = page.getByRole('complementary', { name: new RegExp(`^(${words.vi.phone}|${words.en.phone})$`) });

    // The first citizen files a dossier with a scan; another scan of theirs stays in the folder.
    await logIn(page, nhung, lang);
    await expect(phone.getByTestId('demo-sms').first()).toContainText(nhung.phone);
    const otpShown = /\b(\d{6})\b/.exec((await phone.getByTestId('demo-sms').first().textContent()) ?? '')![1]!;
    await toAttachments(wz);
    copyFileSync(resolve(import.meta.dirname, '../../resources/sample-documents/to-khai-mau.pdf'), join(scanner.dir, 'ban-sao-cccd-nhung.pdf'));
    await wz.attachFromFolder('d1', 'to-khai.pdf');
    await wz.attachFromFolder('d2', 'giấy chứng sinh.jpg');
    let dossierCode = '';
    if (lang === 'vi') {
      await wz.attachFromFolder('d6', 'to-khai.pdf');
      await wz.next();
      await page.getByRole('button', { name: new RegExp(`^${wz.w.atAgency}`) }).click();
      await wz.next();
      await wz.expectStep(7);
      await wz.typeCaptcha(await wz.captchaFromSimulator(simUrl));
      await wz.tickDeclaration();
      await wz.submit();
      dossierCode = (await page.getByTestId('dossier-code').textContent())!;
      expect(dossierCode).toMatch(/^H66-/);
      await page.getByRole('button', { name: 'In biên nhận', exact: true }).click();
      await expect(page.getByTestId('receipt-preview')).toContainText(dossierCode);
    }

    // A clerk unlocks the outbox beside the citizen and leaves it open.
    await unlockClerk(page, lang);
    await shot('1-clerk-unlocked');

    // Nobody touches the kiosk: the idle timeout wipes it.
    await page.clock.runFor((idleTimeoutSeconds + 1) * 1000);
    // Back at the start, in the kiosk's own language whatever the last citizen chose.
    await expect(page.getByRole('button', { name: /^Đăng nhập/ }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('clerk-area')).toHaveCount(0);
    await expect(page.getByTestId('staff-name')).toHaveCount(0);
    await expect(phone.getByTestId('demo-sms')).toHaveCount(0);
    await expect(phone).toContainText(words.vi.noSms);
    const screen = page.locator('body');
    for (const gone of [nhung.name, nhung.phone, otpShown, ...(dossierCode ? [dossierCode] : [])]) await expect(screen).not.toContainText(gone);
    await shot('2-after-wipe');

    // The clerk panel asks for a PIN again.
    await page.getByRole('button', { name: words.vi.clerk, exact: true }).click();
    await expect(page.getByLabel(words.vi.pin)).toBeVisible();
    await expect(page.getByTestId('staff-name')).toHaveCount(0);
    await page.getByRole('button', { name: words.vi.close, exact: true }).click();

    // The start screen has an idle timer too: a language switched and left is put back.
    await k.switchToEnglish();
    await page.clock.runFor((idleTimeoutSeconds + 1) * 1000);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

    // The next citizen: their own OTP only, and none of the last citizen's scans in the picker.
    if (lang === 'en') await k.switchToEnglish();
    await logIn(page, bhim, lang);
    await expect(phone.getByTestId('demo-sms')).toHaveCount(1);
    await expect(phone).toContainText(bhim.phone);
    await expect(phone).not.toContainText(nhung.phone);
    const next = new WizardPage(page, lang);
    await toAttachments(next);
    await next.slot('d1').getByRole('button', { name: new RegExp(`^${next.w.choose}`) }).click();
    const picker = page.getByRole('dialog');
    await expect(picker).toContainText(w.noFiles);
    await expect(picker).not.toContainText('ban-sao-cccd-nhung.pdf');
    await shot('3-picker-next-citizen');
    // What the scanner delivers now is theirs, and shows up while the picker is open.
    scanner.scan('to-khai.pdf');
    await page.clock.runFor(2500);
    await expect(picker.getByRole('button', { name: /^to-khai\.pdf/ })).toBeVisible();
    await expect(picker).not.toContainText('ban-sao-cccd-nhung.pdf');
    await shot('4-picker-new-scan');
    await picker.getByRole('button', { name: w.close === 'Đóng' ? 'Đóng' : 'Close', exact: true }).click();
    await page.locator('header').getByRole('button', { name: lang === 'vi' ? 'Kết thúc' : 'Finish' }).click();
    await expect(page.getByText(bhim.name)).toHaveCount(0);
  });
}

test('staff see who they unlocked as in the clerk area opened at the receipts, and "Khóa" ends the session (vi, en)', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await k.switchToEnglish();
    const w = words[lang];
    await page.getByRole('button', { name: lang === 'vi' ? 'In lại biên nhận (cán bộ)' : 'Reprint receipts (counter staff)' }).click();
    await page.getByLabel(w.pin).fill(demoClerk.pin);
    await page.getByRole('button', { name: w.unlock, exact: true }).click();
    await expect(page.getByTestId('staff-name')).toHaveText(`${w.unlockedAs} ${demoClerk.name}`);
    await k.shot(`privacy-clerk-receipts-${lang}`);
    await page.getByTestId('action-bar').getByRole('button', { name: lang === 'vi' ? 'Khóa' : 'Lock', exact: true }).click();
    await expect(page.getByTestId('staff-name')).toHaveCount(0);
    // Locked, not just closed: the area asks for the PIN again.
    await page.getByRole('button', { name: w.clerk, exact: true }).click();
    await expect(page.getByLabel(w.pin)).toBeVisible();
    await page.getByRole('button', { name: w.close, exact: true }).click();
    await expect(page.getByTestId('clerk-area')).toHaveCount(0);
  }
});

test('the clerk area takes the citizen\'s screen only while it is open: closing it finds the half-typed login as it was', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  await k.openLoginForm('vi');
  await page.getByLabel(labels.vi.idLabel).fill(bhim.id);
  await unlockClerk(page, 'vi');
  await expect(page.getByLabel(labels.vi.idLabel)).toBeHidden();
  await page.getByTestId('action-bar').getByRole('button', { name: 'Khóa', exact: true }).click();
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);
  await expect(page.getByLabel(labels.vi.idLabel)).toHaveValue(bhim.id);
  await page.locator('header').getByRole('button', { name: 'Về trang đầu' }).click();
});

test('a clerk area left unlocked on the start screen is closed and locked by the idle timeout', async ({ page }) => {
  await page.clock.install();
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'In lại biên nhận (cán bộ)' }).click();
  await page.getByLabel(words.vi.pin).fill(demoClerk.pin);
  await page.getByRole('button', { name: words.vi.unlock, exact: true }).click();
  await expect(page.getByTestId('staff-name')).toHaveText(`${words.vi.unlockedAs} ${demoClerk.name}`);
  await page.clock.runFor((idleTimeoutSeconds + 1) * 1000);
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);
  // Main ended the staff session with the wipe: the area asks for the PIN again.
  await page.getByRole('button', { name: words.vi.clerk, exact: true }).click();
  await expect(page.getByLabel(words.vi.pin)).toBeVisible();
  await expect(page.getByTestId('staff-name')).toHaveCount(0);
  await page.getByRole('button', { name: words.vi.close, exact: true }).click();
});
