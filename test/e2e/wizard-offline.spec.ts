import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startKiosk, startSimulator, type Running } from './processes';
import { WizardPage, makeUsbFolder } from './wizard-page';
import { openKioskDb } from '../support/data-key';

/** The office loses its connection mid-dossier: the dossier is kept on the kiosk with a local reference. */
const maxBytes = 300_000;
const usb = makeUsbFolder(maxBytes);
let sim: Running;
let kiosk: Running & { dataDir: string };

test.beforeAll(async () => {
  sim = await startSimulator();
  kiosk = await startKiosk({
    apiBaseUrl: sim.url,
    config: { keyboard: 'never', attachments: { maxBytes, folders: [{ id: 'usb', label: 'USB', path: usb.dir }] } },
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sim?.stop();
  rmSync(usb.dir, { recursive: true, force: true });
});

for (const lang of ['vi', 'en'] as const) {
  test(`with the simulator stopped, the dossier is stored on the kiosk with a local reference and a kiosk-issued code (${lang})`, async ({ page }) => {
    // The kiosk's API address is fixed: the simulator comes back on the same port.
    if (sim.child.exitCode !== null || sim.child.signalCode !== null) sim = await startSimulator(Number(new URL(sim.url).port));
    await stopAfterLogin(page, lang);
  });
}

test('when the API comes back, the waiting dossier is sent once by itself and its receipt carries the real dossier code', async ({ page }) => {
  if (sim.child.exitCode !== null || sim.child.signalCode !== null) sim = await startSimulator(Number(new URL(sim.url).port));
  const localRef = await stopAfterLogin(page, 'vi');
  const strip = page.getByTestId('outbox-strip');
  await expect(strip).toContainText('Mất kết nối');
  await expect(page.getByTestId('outbox-waiting')).not.toHaveText('Chờ gửi: 0');
  await wizardShot(page, '4x-wizard-9-waiting-in-strip-vi');

  // The cable is plugged back in: the simulator answers on the same address again.
  sim = await startSimulator(Number(new URL(sim.url).port));
  await expect(page.getByTestId('outbox-waiting')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
  await expect(strip).toContainText('Đã kết nối');
  const ledger = (await (await fetch(new URL('/__sim/ledger', sim.url))).json()) as {
    dossiers: { localRef: string; dossierCode: string; attachments: unknown[] }[];
  };
  const sent = ledger.dossiers.filter((d) => d.localRef === localRef);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.attachments).toHaveLength(2);

  await page.getByRole('button', { name: 'In biên nhận', exact: true }).click();
  const preview = page.getByTestId('receipt-preview');
  await expect(preview).toContainText(`Mã hồ sơ: ${sent[0]!.dossierCode}`);
  await expect(preview).not.toContainText('ĐANG CHỜ GỬI');
  await wizardShot(page, '4x-wizard-10-receipt-after-sync-vi');
});

async function wizardShot(page: import('@playwright/test').Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

async function stopAfterLogin(page: import('@playwright/test').Page, lang: 'vi' | 'en'): Promise<string> {
  const wz = new WizardPage(page, lang, usb);
  await wz.logIn(kiosk.url, sim.url);
  await wz.open();
  await wz.chooseProcedure('1.004873', /xác nhận tình trạng hôn nhân/);
  await wz.next();
  await wz.chooseAgency('UBND xã Hòa Phú');
  await wz.next();
  await wz.next();
  await wz.expectStep(5);
  await wz.attachFromFolder('d1', 'to-khai.pdf');
  await wz.attachFromFolder('d4', 'giấy chứng sinh.jpg');
  await expect(wz.slot('d4')).toContainText('giấy chứng sinh.jpg');
  // The network cable is pulled now.
  await sim.stop();
  await wz.next();
  await page.getByRole('button', { name: new RegExp(`^${wz.w.atAgency}`) }).click();
  await wz.next();
  await wz.expectStep(7);

  // The kiosk issued the code itself; the citizen asks to see it as text.
  await page.getByRole('button', { name: wz.w.showText }).click();
  const digits = page.locator('.captcha__glyph');
  await expect(digits).toHaveCount(5);
  await wz.k.shot(`4x-wizard-7-captcha-text-${lang}`);
  await wz.typeCaptcha((await digits.allTextContents()).join(''));
  await wz.tickDeclaration();
  // Whatever the network does, the screen says at once that the dossier is being saved: an
  // observer notes whether that message was on screen before the result replaced it.
  await page.evaluate(() => {
    const w = window as unknown as { savingSeen?: boolean };
    w.savingSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="saving"]')) w.savingSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await wz.submit();
  await expect(page.getByRole('button', { name: lang === 'vi' ? 'Đang lưu hồ sơ…' : 'Saving the dossier…' }).or(page.getByTestId('local-ref'))).toBeVisible();

  await expect(page.getByRole('heading', { name: lang === 'vi' ? 'Hồ sơ đã được lưu trên kiosk' : 'Your dossier is saved on this kiosk' })).toBeVisible();
  const localRef = (await page.getByTestId('local-ref').textContent())!.trim();
  expect(localRef).toMatch(/^DL-KIOSK-E2E-01-/);
  expect(await page.evaluate(() => (window as unknown as { savingSeen?: boolean }).savingSeen)).toBe(true);
  await expect(page.locator('.result-next')).toContainText(lang === 'vi' ? /sẽ được gửi tự động khi có mạng trở lại/ : /will be sent automatically/);
  await wz.k.shot(`4x-wizard-8-result-offline-${lang}`);

  const db = openKioskDb(join(kiosk.dataDir, 'data'));
  try {
    const row = db.prepare('SELECT state FROM outbox WHERE local_ref = ?').get(localRef) as { state: string } | undefined;
    // Stored and waiting: the sync engine may be mid-attempt against the stopped API ("sending").
    expect(['queued', 'sending']).toContain(row?.state);
    const files = db.prepare('SELECT COUNT(*) AS n FROM outbox_attachments a JOIN outbox o ON o.id = a.outbox_id WHERE o.local_ref = ?').get(localRef) as { n: number };
    expect(files.n).toBe(2);
  } finally {
    db.close();
  }
  return localRef;
}
