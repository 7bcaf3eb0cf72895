import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPrinterEmulator, type PrinterEmulator } from '../../tools/printer-emulator/emulator';
import { fakeCameraLaunchOptions, writeQrY4m } from './fake-camera';
import { simControl, startKiosk, startSimulator, type Running } from './processes';
import { WizardPage, makeUsbFolder } from './wizard-page';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * Receipts end to end: a dossier submitted through the wizard, its receipt printed on a real TCP
 * printer (the emulator, in this test process, so the test can pull its paper and read what it
 * printed), reprinted from the clerk view, and looked up by typing and by scanning its QR code.
 */
const usb = makeUsbFolder(300_000);
// The camera "sees" whatever this file holds when the scan dialog opens; written once the code is known.
const y4m = join(tmpdir(), `kiosk-receipt-${process.pid}.y4m`);
writeQrY4m(y4m, 'GIẤY TỜ TÙY THÂN (MẪU)');
test.use({ launchOptions: fakeCameraLaunchOptions(y4m) });
test.describe.configure({ mode: 'serial' });

const lookupBase = 'https://dichvucong.daklak.gov.vn/tra-cuu';
let sim: Running;
let kiosk: Running;
let printer: PrinterEmulator;
const codes: Record<'vi' | 'en', string> = { vi: '', en: '' };

test.beforeAll(async () => {
  sim = await startSimulator();
  printer = await startPrinterEmulator({ wpc1258Slot: 52 });
  kiosk = await startKiosk({
    apiBaseUrl: sim.url,
    config: {
      attachments: { maxBytes: 300_000, folders: [{ id: 'usb', label: 'USB', path: usb.dir }] },
      printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidthMm: 80, encoding: 'wpc1258', codePage: 52 },
      receipt: { lookupBaseUrl: lookupBase },
      staff: staffConfig([TEST_CLERK]),
    },
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sim?.stop();
  await printer?.close();
  rmSync(usb.dir, { recursive: true, force: true });
  rmSync(y4m, { force: true });
});

async function submitDossier(wz: WizardPage): Promise<string> {
  await wz.logIn(kiosk.url, sim.url);
  await wz.open();
  await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
  await wz.next();
  await wz.chooseAgency('UBND phường Buôn Ma Thuột');
  await wz.next();
  await wz.expectStep(4);
  await wz.next();
  await wz.attachFromFolder('d1', 'to-khai.pdf');
  await wz.attachFromFolder('d2', 'giấy chứng sinh.jpg');
  await wz.attachPhoto('d6');
  await wz.next();
  await wz.page.getByRole('button', { name: new RegExp(`^${wz.w.atAgency}`) }).click();
  await wz.next();
  await wz.expectStep(7);
  await wz.typeCaptcha(await wz.captchaFromSimulator(sim.url));
  await wz.tickDeclaration();
  await wz.submit();
  const code = wz.page.getByTestId('dossier-code');
  await expect(code).toHaveText(/^H66-\d{6}-\d{6}$/);
  return (await code.textContent())!;
}

const printed = async (n: number) => {
  await expect.poll(() => printer.printed().length).toBe(n);
  return printer.printed();
};

for (const lang of ['vi', 'en'] as const) {
  test(`a receipt that cannot print (paper out) stays on screen with its QR code, then prints on retry (${lang})`, async ({ page }) => {
    const wz = new WizardPage(page, lang, usb);
    const shot = (name: string) => wz.k.shot(`6x-receipt-${name}-${lang}`);
    printer.clear();
    printer.setCondition({ paperOut: true });
    const code = await submitDossier(wz);
    codes[lang] = code;

    await page.getByRole('button', { name: lang === 'vi' ? 'In biên nhận' : 'Print receipt', exact: true }).click();
    const preview = page.getByTestId('receipt-preview');
    await expect(preview).toBeVisible();
    await expect(preview).toContainText(`Mã hồ sơ: ${code}`);
    await expect(preview).toContainText('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    await expect(preview).toContainText('Người nộp: Nguyễn Thị Hồng Nhung');
    await expect(preview).toContainText('********0123');
    await expect(preview).not.toContainText('066185000123');
    await expect(preview.locator('img[data-payload]')).toHaveAttribute('data-payload', `${lookupBase}?ma=${code}`);
    const outcome = page.getByTestId('print-outcome');
    await expect(outcome).toContainText(lang === 'vi' ? 'máy in hết giấy' : 'out of paper');
    await expect(outcome).toContainText(lang === 'vi' ? 'cán bộ một cửa' : 'counter clerk');
    expect(printer.printed()).toHaveLength(0);
    await shot('1-paper-out');

    printer.setCondition({ paperOut: false });
    await page.getByRole('button', { name: lang === 'vi' ? 'Thử in lại' : 'Try printing again' }).click();
    await expect(outcome).toContainText(lang === 'vi' ? 'Đã in biên nhận' : 'has been printed');
    const [paper] = await printed(1);
    expect(paper!.codePages).toEqual([52]);
    expect(paper!.lines).toContain(`Mã hồ sơ: ${code}`);
    expect(paper!.lines).toContain('Người nộp: Nguyễn Thị Hồng Nhung');
    expect(paper!.lines.some((l) => l.trim() === 'UBND PHƯỜNG BUÔN MA THUỘT')).toBe(true);
    expect(paper!.qrPayloads).toEqual([`${lookupBase}?ma=${code}`]);
    // What is on the paper is what is on the screen, line for line.
    const screenLines = await preview.locator('pre').allTextContents();
    expect(paper!.lines.map((l) => l || ' ')).toEqual(screenLines);
    await shot('2-printed');
  });
}

test('a clerk reprints a receipt behind the PIN, and the citizen looks the dossier up by code and by QR', async ({ page }) => {
  const code = codes.vi;
  expect(code).not.toBe('');
  const before = printer.printed().length;
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /^Tra cứu hồ sơ/ })).toBeVisible();
  await new WizardPage(page).k.shot('6x-receipt-0-start-vi');
  await page.getByRole('button', { name: 'In lại biên nhận (cán bộ)' }).click();
  await page.getByLabel('Mã PIN cán bộ').fill('000000');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByTestId('clerk-area').getByRole('alert')).toContainText('Mã PIN không đúng');
  await page.getByLabel('Mã PIN cán bộ').fill('135790');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  const row = page.getByTestId('clerk-receipts').locator('tr', { hasText: code }).first();
  await expect(row).toContainText('Đã in');
  await expect(row).toHaveAttribute('data-state', 'printed');
  await row.getByRole('button', { name: 'In bản sao' }).click();
  const all = await printed(before + 1);
  expect(all.at(-1)!.lines).toContain(`Mã hồ sơ: ${code}`);
  await expect(page.getByTestId('clerk-receipts').locator('tr', { hasText: '(bản sao)' })).toHaveCount(1);
  await new WizardPage(page).k.shot('6x-receipt-3-clerk-vi');
  // The same unlock opens the clerk's outbox too: no second PIN.
  await page.getByRole('button', { name: 'Hồ sơ chờ gửi', exact: true }).click();
  await expect(page.getByTestId('clerk-entry').first()).toBeVisible();
  await expect(page.getByLabel('Mã PIN cán bộ')).toHaveCount(0);
  await page.getByRole('button', { name: 'Khóa', exact: true }).click();
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);

  await page.getByRole('button', { name: /^Tra cứu hồ sơ/ }).click();
  const field = page.getByLabel('Mã hồ sơ');
  await field.fill('mã của tôi');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByText('Mã này không đúng dạng mã hồ sơ')).toBeVisible();

  await field.fill('H66-000000-999999');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.banner--error')).toContainText('Không tìm thấy hồ sơ có mã này');

  await field.fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  const result = page.getByTestId('lookup-result');
  await expect(result).toHaveAttribute('data-status', 'received');
  await expect(result).toContainText('Cơ quan đã tiếp nhận hồ sơ');

  await simControl(sim.url, `/__sim/dossiers/${code}/status`, { status: 'result_ready' });
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(result).toHaveAttribute('data-status', 'result_ready');
  await expect(result).toContainText('Đã có kết quả');
  await new WizardPage(page).k.shot('6x-receipt-4-lookup-vi');

  // The receipt's QR code held up to the kiosk camera.
  await simControl(sim.url, `/__sim/dossiers/${code}/status`, { status: 'needs_more_documents' });
  await field.fill('');
  writeQrY4m(y4m, `${lookupBase}?ma=${code}`);
  await page.getByRole('button', { name: 'Quét mã QR trên phiếu' }).click();
  await expect(result).toHaveAttribute('data-status', 'needs_more_documents');
  await expect(field).toHaveValue(code);
});

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: `test-results/screenshots/6x-receipt-failure-${info.title.slice(0, 20)}.png` }).catch(() => undefined);
});

