import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { SimLedger } from '../../common/provincial/dossier-schemas';
import { fakeCameraLaunchOptions, writeQrY4m } from './fake-camera';
import { simControl, useSimulatorAndKiosk } from './processes';
import { WizardPage, makeUsbFolder } from './wizard-page';

/**
 * "Nộp hồ sơ trực tuyến" end to end: the real kiosk backend, the real simulator, Chromium with a
 * fake camera. The "USB stick" is a temp folder configured as the picker's only folder.
 */
const maxBytes = 300_000;
const usb = makeUsbFolder(maxBytes);
const y4m = join(tmpdir(), `kiosk-wizard-${process.pid}.y4m`);
writeQrY4m(y4m, 'GIẤY TỜ TÙY THÂN (MẪU)');
test.use({ launchOptions: fakeCameraLaunchOptions(y4m) });

const env = useSimulatorAndKiosk({
  kiosk: {
    // The on-screen keyboard is tested in its own spec; here it would only move buttons under the pointer.
    config: { keyboard: 'never', attachments: { maxBytes, folders: [{ id: 'usb', label: 'USB', path: usb.dir }] } },
  },
});
test.afterAll(() => {
  rmSync(usb.dir, { recursive: true, force: true });
});
test.beforeEach(async () => {
  await simControl(env.sim.url, '/__sim/reset', {});
});

for (const lang of ['vi', 'en'] as const) {
  test(`a full online submission with a real PDF, a real JPEG and a camera photo is recorded by the API with matching hashes (${lang})`, async ({ page }) => {
    const wz = new WizardPage(page, lang, usb);
    const shot = (name: string) => wz.k.shot(`4x-wizard-${name}-${lang}`);
    await wz.logIn(env.kiosk.url, env.sim.url);
    await shot('1-home');
    await wz.open();

    await wz.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
    await expect(page.getByText('1.001193').first()).toBeVisible();
    await shot('2-procedure');
    await wz.next();

    await wz.expectStep(3);
    await expect(page.getByRole('button', { name: /^Văn phòng đăng ký đất đai/ })).toHaveCount(0);
    await wz.chooseAgency('UBND phường Buôn Ma Thuột');
    await shot('3-agency');
    await wz.next();

    await wz.expectStep(4);
    await expect(page.getByText(nhungName())).toBeVisible();
    await shot('4-applicant');
    await wz.next();

    await wz.expectStep(5);
    await wz.attachFromFolder('d1', 'to-khai.pdf');
    await wz.attachFromFolder('d2', 'giấy chứng sinh.jpg');
    await wz.attachPhoto('d6');
    await expect(wz.slot('d1')).toContainText('to-khai.pdf');
    await expect(wz.slot('d2').locator('img.slot__thumb')).toBeVisible();
    await expect(wz.slot('d6').locator('img.slot__thumb')).toBeVisible();
    await shot('5-attachments');
    await wz.next();

    await wz.expectStep(6);
    await page.getByRole('button', { name: new RegExp(`^${wz.w.atAgency}`) }).click();
    await shot('6-delivery');
    await wz.next();

    await wz.expectStep(7);
    const code = await wz.captchaFromSimulator(env.sim.url);
    await wz.typeCaptcha(code);
    await wz.tickDeclaration();
    await shot('7-review');
    await wz.submit();

    const dossierCode = page.getByTestId('dossier-code');
    await expect(dossierCode).toHaveText(/^H66-\d{6}-\d{6}$/);
    await shot('8-result-online');

    const ledger = (await simControl(env.sim.url, '/__sim/ledger')) as SimLedger;
    expect(ledger.dossiers).toHaveLength(1);
    const recorded = ledger.dossiers[0]!;
    expect(recorded.dossierCode).toBe(await dossierCode.textContent());
    expect(recorded.procedureCode).toBe('1.001193');
    expect(recorded.onBehalfOf).toBe('066185000123');
    const hashes = recorded.attachments.map((a) => a.sha256);
    expect(hashes).toContain(usb.sha['to-khai.pdf']);
    expect(hashes).toContain(usb.sha['giấy chứng sinh.jpg']);
    expect(hashes).toHaveLength(3);

    await page.locator('main').getByRole('button', { name: lang === 'vi' ? 'Kết thúc' : 'Finish', exact: true }).click();
    await expect(page.getByRole('button', { name: /^Đăng nhập/ })).toBeVisible();
  });
}

function nhungName() {
  return 'Nguyễn Thị Hồng Nhung';
}
