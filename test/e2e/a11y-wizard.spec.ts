import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkScreen, setLook } from './a11y';
import { simControl, useSimulatorAndKiosk } from './processes';
import { WizardPage, makeUsbFolder } from './wizard-page';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * axe on every screen of the dossier flow — the seven steps, the result, the receipt — and on
 * "Tra cứu hồ sơ", in both languages and both themes. Each check ends back in Vietnamese, normal
 * theme, so the walk through the wizard continues with the Vietnamese labels.
 */
const usb = makeUsbFolder(300_000);
const env = useSimulatorAndKiosk({
  kiosk: {
    config: {
      keyboard: 'never',
      staff: staffConfig([TEST_CLERK]),
      attachments: { maxBytes: 300_000, folders: [{ id: 'usb', label: 'USB', path: usb.dir }] },
    },
  },
});
test.afterAll(() => {
  rmSync(usb.dir, { recursive: true, force: true });
});

const vi = { lang: 'vi', contrast: false } as const;

test('every screen of the dossier wizard, the result and the receipt has no serious accessibility problems', async ({ page }) => {
  // The longest test: axe on the seven steps, the result, the receipt and the clerk's screens,
  // each in four looks, 2.6–3.4 min at load 18–21. A stuck step still fails in 15–20 s (the
  // expect and action timeouts); this only bounds a walk that keeps moving.
  test.setTimeout(420_000);
  const wz = new WizardPage(page, 'vi', usb);
  const check = async (name: string, steps?: Parameters<typeof checkScreen>[2]) => {
    await checkScreen(page, name, steps);
    await setLook(page, vi);
  };
  await wz.logIn(env.kiosk.url, env.sim.url);
  await wz.open();

  await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
  await check('wizard-2-procedure');
  await wz.next();

  await wz.expectStep(3);
  await wz.chooseAgency('UBND phường Buôn Ma Thuột');
  await check('wizard-3-agency');
  await wz.next();

  await wz.expectStep(4);
  await check('wizard-4-applicant');
  await wz.next();

  await wz.expectStep(5);
  await wz.attachFromFolder('d1', 'to-khai.pdf');
  await wz.attachFromFolder('d2', 'giấy chứng sinh.jpg');
  await wz.attachFromFolder('d6', 'to-khai.pdf');
  await expect(wz.slot('d6')).toContainText('to-khai.pdf');
  await check('wizard-5-attachments');
  await wz.next();

  await wz.expectStep(6);
  await page.getByRole('button', { name: new RegExp(`^${wz.w.atAgency}`) }).click();
  await check('wizard-6-delivery');
  await wz.next();

  await wz.expectStep(7);
  await check('wizard-7-review');
  const code = await wz.captchaFromSimulator(env.sim.url);
  await wz.typeCaptcha(code);
  await wz.tickDeclaration();
  await wz.submit();
  await expect(page.getByTestId('dossier-code')).toBeVisible();
  await check('wizard-8-result');

  await page.getByRole('button', { name: 'In biên nhận', exact: true }).click();
  await expect(page.getByTestId('receipt-preview')).toBeVisible();
  await check('receipt');

  await page.getByRole('button', { name: 'Kết thúc', exact: true }).first().click();
  await page.getByRole('button', { name: /^Tra cứu hồ sơ/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' })).toBeVisible();
  await check('lookup');

  // The clerk area: its PIN, then the receipts and the outbox under the one unlock.
  await page.getByRole('button', { name: 'Về trang đầu' }).click();
  await page.getByRole('button', { name: 'In lại biên nhận (cán bộ)' }).click();
  await expect(page.getByLabel('Mã PIN cán bộ')).toBeVisible();
  await check('clerk-pin');
  await page.getByLabel('Mã PIN cán bộ').fill('135790');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  // The receipt printed above is listed (or, had nothing printed, the area says so).
  await expect(page.getByTestId('clerk-receipts').or(page.getByText('Chưa có biên nhận nào.'))).toBeVisible();
  await check('clerk-receipts');

  await page.getByRole('button', { name: 'Hồ sơ chờ gửi', exact: true }).click();
  await expect(page.getByTestId('clerk-entry').first()).toBeVisible();
  await check('clerk-outbox');
  await page.getByRole('button', { name: 'Khóa', exact: true }).click();
  await expect(page.getByTestId('clerk-area')).toHaveCount(0);
  await simControl(env.sim.url, '/__sim/reset', {});
});
