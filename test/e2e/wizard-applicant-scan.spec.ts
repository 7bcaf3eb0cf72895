import { expect, test, type Page } from '@playwright/test';
import { nhungCard } from './cccd-payloads';
import { useSimulatorAndKiosk } from './processes';
import { scanWithUsbScanner } from './usb-scanner';
import { WizardPage } from './wizard-page';

/**
 * "Quét CCCD" at the applicant step: identity comes from the account, so the card must be the
 * logged-in citizen's; it then fills the address the card prints.
 */
const env = useSimulatorAndKiosk({ kiosk: { config: { keyboard: 'never' } } });

const scan = (page: Page, payload: string) => scanWithUsbScanner(page, payload);

const someoneElsesCard = '066079001234||Y Bhim Niê|02071979|Nam|Buôn Ko Tam, Xã Hòa Phú, Đắk Lắk|01012022';

test('at the applicant step a card of someone else fills nothing, and the citizen’s own card fills the address', async ({ page }) => {
  const wz = new WizardPage(page, 'vi');
  await wz.logIn(env.kiosk.url, env.sim.url);
  await wz.open();
  await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
  await wz.next();
  await wz.chooseAgency('UBND phường Buôn Ma Thuột');
  await wz.next();
  await wz.expectStep(4);

  const detail = page.getByLabel('Số nhà, đường, thôn, buôn');
  const before = await detail.inputValue();
  await scan(page, someoneElsesCard);
  await expect(page.getByText('Thẻ vừa quét không phải thẻ của người đang đăng nhập')).toBeVisible();
  await expect(detail).toHaveValue(before);

  await scan(page, nhungCard.payload);
  await expect(page.getByText('Đã điền thông tin từ thẻ CCCD. Hãy kiểm tra lại thông tin vừa điền.')).toBeVisible();
  await expect(detail).toHaveValue('Thôn 3');
  await expect(page.locator('.wizard-step fieldset')).toContainText('Xã Hòa Phú');
  await wz.k.shot('4x-wizard-4-applicant-scanned-vi');
  await wz.next();
  await wz.expectStep(5);
});
