import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { SimLedger } from '../../common/provincial/dossier-schemas';
import { simControl, useSimulatorAndKiosk } from './processes';
import { WizardPage, makeUsbFolder } from './wizard-page';

/** Every place the wizard stops the citizen, and editing from the review without losing anything. */
const maxBytes = 300_000;
const usb = makeUsbFolder(maxBytes);
const env = useSimulatorAndKiosk({
  kiosk: {
    config: { keyboard: 'never', attachments: { maxBytes, folders: [{ id: 'usb', label: 'USB', path: usb.dir }] } },
  },
});
test.afterAll(() => {
  rmSync(usb.dir, { recursive: true, force: true });
});

test('each step refuses to go on until it is right, says why, and edits from the review keep the other steps', async ({ page }) => {
  await simControl(env.sim.url, '/__sim/reset', {});
  const wz = new WizardPage(page, 'vi', usb);
  const stop = (name: string) => wz.k.shot(`4x-wizard-stop-${name}-vi`);
  await wz.logIn(env.kiosk.url, env.sim.url);
  await wz.open();

  // No procedure.
  await wz.next();
  await expect(page.getByText('Vui lòng chọn một thủ tục trong danh sách.')).toBeVisible();
  await wz.expectStep(2);
  await stop('no-procedure');
  await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
  await wz.next();

  // No agency.
  await wz.expectStep(3);
  await wz.next();
  await expect(page.getByText('Vui lòng chọn cơ quan giải quyết.')).toBeVisible();
  await stop('no-agency');
  await wz.chooseAgency('UBND phường Buôn Ma Thuột');
  await wz.next();
  await wz.expectStep(4);
  await wz.next();

  // Missing required documents.
  await wz.expectStep(5);
  await wz.next();
  await expect(wz.slot('d1').getByText('Giấy tờ này bắt buộc')).toBeVisible();
  await expect(wz.slot('d2').getByText('Giấy tờ này bắt buộc')).toBeVisible();
  await wz.expectStep(5);
  await stop('missing-document');

  // A file whose name says PDF but whose content does not, and one over the size limit.
  await wz.attachFromFolder('d1', 'giay-to-doi-ten.pdf', { refused: true });
  await expect(wz.slot('d1')).toContainText('không phải PDF, JPEG hay PNG');
  await stop('wrong-type');
  await wz.attachFromFolder('d2', 'ban-scan-rat-lon.pdf', { refused: true });
  await expect(wz.slot('d2')).toContainText('Tệp đính kèm quá lớn');
  await stop('oversize');
  await wz.attachFromFolder('d1', 'to-khai.pdf');
  await wz.attachFromFolder('d2', 'giấy chứng sinh.jpg');
  await wz.attachFromFolder('d6', 'to-khai.pdf');
  await expect(wz.slot('d6')).toContainText('to-khai.pdf');
  await wz.next();

  // Postal delivery to another address, left empty.
  await wz.expectStep(6);
  await page.getByRole('button', { name: /^Nhận qua bưu chính công ích/ }).click();
  await page.getByRole('button', { name: /^Một địa chỉ khác/ }).click();
  await wz.next();
  await expect(page.getByText('Vui lòng chọn tỉnh, thành phố.')).toBeVisible();
  await wz.expectStep(6);
  await stop('postal-no-address');
  await page.getByRole('button', { name: /^Tỉnh, thành phố/ }).click();
  await page.getByRole('option', { name: 'Tỉnh Đắk Lắk' }).click();
  await page.getByRole('button', { name: /^Xã, phường/ }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('tan an');
  await page.getByRole('option', { name: 'Phường Tân An' }).click();
  await page.getByLabel('Số nhà, đường, thôn, buôn').fill('45 Y Jút');
  await wz.next();

  // Review: wrong code, then no declaration.
  await wz.expectStep(7);
  const code = await wz.captchaFromSimulator(env.sim.url);
  const wrong = String((Number(code) + 1) % 100000).padStart(5, '0');
  await wz.typeCaptcha(wrong);
  await wz.tickDeclaration();
  await wz.submit();
  await expect(page.getByText('Mã xác nhận chưa đúng').first()).toBeVisible();
  await stop('wrong-captcha');
  const fresh = await wz.captchaFromSimulator(env.sim.url);
  expect(fresh).not.toBe('');
  await wz.typeCaptcha(fresh);
  await page.getByLabel(wz.w.declaration).uncheck();
  await wz.submit();
  await expect(page.getByText('Vui lòng đánh dấu ô cam đoan trước khi nộp hồ sơ.')).toBeVisible();
  await stop('no-declaration');

  // Edit the agency from the review: everything else stays.
  await page.getByRole('button', { name: 'Sửa phần Cơ quan giải quyết' }).click();
  await wz.expectStep(3);
  await wz.chooseAgency('UBND phường Tân An');
  await expect(wz.nextButton()).toHaveText('Đồng ý và quay lại trang kiểm tra');
  await wz.next();
  await wz.expectStep(7);
  const review = page.locator('.wizard-step');
  await expect(review).toContainText('UBND phường Tân An');
  await expect(review).toContainText('Thủ tục đăng ký khai sinh (1.001193)');
  await expect(review).toContainText('giấy chứng sinh.jpg');
  await expect(review).toContainText('45 Y Jút, Phường Tân An, Tỉnh Đắk Lắk');
  await expect(page.getByLabel(wz.w.declaration)).not.toBeChecked();
  await stop('edited-review');

  // And now it goes through.
  await wz.typeCaptcha(await wz.captchaFromSimulator(env.sim.url));
  await wz.tickDeclaration();
  await wz.submit();
  await expect(page.getByTestId('dossier-code')).toHaveText(/^H66-/);
  const ledger = (await simControl(env.sim.url, '/__sim/ledger')) as SimLedger;
  expect(ledger.dossiers.map((d) => d.procedureCode)).toEqual(['1.001193']);
});
