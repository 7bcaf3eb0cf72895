import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPrinterEmulator, type PrinterEmulator } from '../../tools/printer-emulator/emulator';
import { staffConfig, TEST_CLERK, TEST_IT } from '../support/staff';
import { checkScreen } from './a11y';
import { cutOff, pageOverflow, setAppearance, smallTargets } from './layout-checks';
import { fakeCameraLaunchOptions, writeQrY4m } from './fake-camera';
import { KioskPage } from './kiosk-page';
import { simControl, startKiosk, startSimulator, type Running } from './processes';

/**
 * IT at a new production kiosk: unlocks with an IT account's PIN, opens "Chẩn đoán kỹ thuật"
 * from the staff panel, reads every check (the kiosk is not enrolled yet: that check fails),
 * enrols it with the province's one-time code from the same screen, prints a test page on the
 * receipt printer (the emulator on loopback), sees the camera's picture (Chromium's fake camera)
 * and exports the logs to a folder — in Vietnamese, then in English.
 */
const y4m = join(tmpdir(), `kiosk-it-camera-${process.pid}.y4m`);
writeQrY4m(y4m, 'IT camera test');
test.use({ launchOptions: fakeCameraLaunchOptions(y4m) });

let sim: Running;
let printer: PrinterEmulator;
let kiosk: Running & { dataDir: string };
let usb: string;
test.beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'kiosk-it-usb-'));
  sim = await startSimulator();
  printer = await startPrinterEmulator();
  kiosk = await startKiosk({
    production: true,
    apiBaseUrl: sim.url,
    config: {
      kioskId: 'BMT-MOTCUA-02',
      api: { baseUrl: sim.url, timeoutMs: 3000 },
      staff: staffConfig([TEST_CLERK, TEST_IT]),
      printer: { type: 'network', host: '127.0.0.1', port: printer.port },
      storage: { minFreeMegabytes: 1 },
      sync: { healthIntervalSeconds: 1 },
      // A physical keyboard at the counter: no on-screen keyboard over the form.
      keyboard: 'never',
    },
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await printer?.close();
  await sim?.stop();
  rmSync(usb, { recursive: true, force: true });
});

/** "Cán bộ", an IT account's PIN, "Mở khóa", then the IT screen, in whichever language is on. */
async function openIt(page: Page) {
  await page.getByRole('button', { name: /^(Cán bộ|Clerk)$/ }).click();
  await page.getByLabel(/^(Mã PIN cán bộ|Clerk PIN)$/).fill(TEST_IT.pin);
  await page.getByRole('button', { name: /^(Mở khóa|Unlock)$/ }).click();
  await page.getByRole('button', { name: /^(Chẩn đoán kỹ thuật \(CNTT\)|Diagnostics \(IT\))$/ }).click();
  await expect(page.getByRole('heading', { name: /^(Chẩn đoán kỹ thuật \(CNTT\)|Diagnostics \(IT\))$/ })).toBeVisible();
  await expect(page.locator('[data-testid="it-check"][data-check="api"]')).toHaveAttribute('data-status', /ok|fail/);
}
const lock = (page: Page) => page.getByRole('button', { name: /^(Khóa|Lock)$/ }).click();
const check = (page: Page, id: string) => page.locator(`[data-testid="it-check"][data-check="${id}"]`);

test('IT checks a new kiosk, enrols it, prints a test page, sees the camera and exports the logs, in both languages', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  await expect(page.getByTestId('out-of-service')).toBeVisible();

  // A clerk's PIN opens the outbox, never the IT screen.
  await page.getByRole('button', { name: 'Cán bộ', exact: true }).click();
  await page.getByLabel('Mã PIN cán bộ').fill(TEST_CLERK.pin);
  await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Gửi ngay' })).toBeVisible();
  await expect(page.getByTestId('open-it')).toHaveCount(0);
  await page.getByRole('button', { name: 'Khóa', exact: true }).click();

  await openIt(page);
  await expect(check(page, 'enrolment')).toHaveAttribute('data-status', 'fail');
  await expect(check(page, 'enrolment')).toContainText('Chưa đăng ký');
  await expect(check(page, 'api')).toHaveAttribute('data-status', 'ok');
  await expect(check(page, 'api')).toContainText(/trả lời sau \d+ ms/);
  await expect(check(page, 'clock')).toHaveAttribute('data-status', 'ok');
  await expect(check(page, 'disk')).toHaveAttribute('data-status', 'ok');
  await expect(check(page, 'printer')).toHaveAttribute('data-status', 'ok');
  await expect(check(page, 'printer')).toContainText(/network 127\.0\.0\.1:\d+: sẵn sàng/);
  await expect(page.getByTestId('it-config')).toContainText('BMT-MOTCUA-02');
  await expect(page.getByTestId('it-config')).not.toContainText('scrypt$');
  await k.shot('it-02-diagnostics-not-enrolled-vi');

  // Enrolment from the screen, with the province's one-time code.
  const { code } = (await simControl(sim.url, '/__sim/enrolment-codes', { kioskId: 'BMT-MOTCUA-02' })) as { code: string };
  await page.getByLabel('Mã đăng ký (ví dụ ABCD-EFGH-JKMN)').fill('ABCD-1234');
  await page.getByRole('button', { name: 'Đăng ký kiosk' }).click();
  await expect(page.getByText('Mã đăng ký gồm 3 nhóm 4 ký tự')).toBeVisible();
  await page.getByLabel('Mã đăng ký (ví dụ ABCD-EFGH-JKMN)').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Đăng ký kiosk' }).click();
  await expect(page.getByText('Đã đăng ký. Kiosk bắt đầu gửi hồ sơ.')).toBeVisible();
  await expect(check(page, 'enrolment')).toHaveAttribute('data-status', 'ok');
  await expect(check(page, 'enrolment')).toContainText('Đã đăng ký lúc');

  // The test page comes out of the printer.
  await page.getByRole('button', { name: 'In thử' }).click();
  await expect(page.getByTestId('it-print-outcome')).toHaveText('Đã in trang thử. Chữ có dấu và mã QR phải rõ ràng.');
  await expect.poll(() => printer.printed().length).toBe(1);
  expect(printer.printed()[0]!.qrPayloads).toEqual(['KIOSK-TEST:BMT-MOTCUA-02']);

  // The camera's picture.
  await page.getByRole('button', { name: 'Thử camera' }).click();
  await expect(page.getByTestId('it-camera')).toHaveText('Camera hoạt động: 640×480');
  await expect(check(page, 'camera')).toHaveAttribute('data-status', 'ok');

  // The logs, to a USB stick.
  await page.getByLabel('Thư mục lưu (ví dụ ổ USB); để trống: thư mục mặc định').fill(usb);
  await page.getByRole('button', { name: 'Xuất nhật ký' }).click();
  await expect(page.getByTestId('it-exported')).toContainText('Tệp không chứa dữ liệu cá nhân.');
  expect(readdirSync(usb)).toEqual([expect.stringMatching(/^kiosk-logs-BMT-MOTCUA-02-\d{8}-\d{6}Z\.zip$/)]);
  await k.shot('it-03-diagnostics-enrolled-vi');
  await page.getByRole('button', { name: 'Tắt camera' }).click();

  // The start screen opened by itself once enrolled; IT locks and the same screen reads in English.
  await page.getByRole('button', { name: 'Khóa', exact: true }).click();
  await expect(page.getByTestId('out-of-service')).toHaveCount(0);
  await k.switchToEnglish();
  await openIt(page);
  await expect(check(page, 'enrolment')).toContainText('Enrolled at');
  await expect(check(page, 'printer')).toContainText(/network 127\.0\.0\.1:\d+: ready/);
  await page.getByRole('button', { name: 'Test camera' }).click();
  await expect(page.getByTestId('it-camera')).toHaveText('Camera works: 640×480');
  await k.shot('it-04-diagnostics-en');
  await page.getByRole('button', { name: 'Turn camera off' }).click();
  await lock(page);
  await checkScreen(page, 'it-diagnostics', { prepare: () => openIt(page), cleanup: () => lock(page) });
});

test('every control on the IT screen is at least 64 px tall', async ({ page }) => {
  await page.goto(kiosk.url);
  await openIt(page);
  const small = await page
    .getByTestId('it-diagnostics')
    .locator('button, input')
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().height < 64).map((e) => e.outerHTML.slice(0, 80)));
  expect(small).toEqual([]);
  // Locked again, or the next test's panel opens still unlocked (the unlock outlives a reload).
  await lock(page);
});

/**
 * The IT screen on the kiosk's own panels (as playwright.config.ts names them): at normal and the
 * largest text size every target ≥ 64 px, the page itself never scrolls and nothing is cut off
 * (the dialog scrolls), and a screenshot in each language, with the camera's picture on.
 */
for (const panel of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
]) {
  const size = `${panel.width}x${panel.height}`;
  test(`the IT screen on a ${size} panel: nothing cut off, every target at least 64 px, both languages`, async ({ page }) => {
    await page.setViewportSize(panel);
    const k = new KioskPage(page);
    await page.goto(kiosk.url);
    for (const look of ['normal', 'xlarge'] as const) {
      // The text size is chosen on the top bar, which the dialog covers: set it, then open the screen.
      await setAppearance(page, look, false);
      await openIt(page);
      await k.shot(`it-panel-${size}-${look}-vi-top`);
      await page.getByRole('button', { name: 'Thử camera' }).click();
      await expect(page.getByTestId('it-camera')).toHaveText('Camera hoạt động: 640×480');
      expect(await smallTargets(page), `${size} ${look}: targets under 64 px`).toEqual([]);
      expect(await pageOverflow(page), `${size} ${look}: the page itself scrolls`).toBeNull();
      expect(await cutOff(page), `${size} ${look}: cut off`).toEqual([]);
      await k.shot(`it-panel-${size}-${look}-vi`);
      await page.getByRole('button', { name: 'Tắt camera' }).click();
      await lock(page);
    }
    await setAppearance(page, 'normal', false);
    await k.switchToEnglish();
    await openIt(page);
    await page.getByRole('button', { name: 'Test camera' }).click();
    await expect(page.getByTestId('it-camera')).toHaveText('Camera works: 640×480');
    expect(await smallTargets(page), `${size} en: targets under 64 px`).toEqual([]);
    expect(await cutOff(page), `${size} en: cut off`).toEqual([]);
    await k.shot(`it-panel-${size}-normal-en`);
    await page.getByRole('button', { name: 'Turn camera off' }).click();
    await lock(page);
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });
}
