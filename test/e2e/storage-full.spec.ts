import { expect, test, type Page } from '@playwright/test';
import { useSimulatorAndKiosk } from './processes';
import { WizardPage } from './wizard-page';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * A kiosk whose data folder is below its free-space floor (configured here far above what the
 * disk has, so the real `statfs` answer is "too little"): the status strip on every screen and
 * the clerk's view say "storage full — call IT", and "Nộp hồ sơ" says so before the citizen
 * starts instead of after seven steps.
 */
const CLERK_PIN = TEST_CLERK.pin;
const env = useSimulatorAndKiosk({ kiosk: { config: { keyboard: 'never', staff: staffConfig([TEST_CLERK]), storage: { minFreeMegabytes: 1_000_000 } } } });

async function openClerk(page: Page) {
  await page.getByRole('button', { name: /^(Cán bộ|Clerk)$/ }).click();
  await page.getByLabel(/Mã PIN cán bộ|Clerk PIN/).fill(CLERK_PIN);
  await page.getByRole('button', { name: /^(Mở khóa|Unlock)$/ }).click();
}

for (const lang of ['vi', 'en'] as const) {
  test(`below the free-space floor the strip, the home screen and the clerk say the kiosk storage is full (${lang})`, async ({ page }) => {
    const w = new WizardPage(page, lang);
    await w.logIn(env.kiosk.url, env.sim.url);
    const alert = page.getByTestId('storage-alert');
    await expect(alert).toHaveText(lang === 'vi' ? /Bộ nhớ kiosk sắp đầy.*báo bộ phận CNTT/ : /Kiosk storage is nearly full.*Call IT/);

    await page.getByRole('button', { name: new RegExp(`^${w.w.submit}`) }).click();
    await expect(page.getByTestId('storage-full')).toHaveText(lang === 'vi' ? /không nhận hồ sơ mới vì bộ nhớ/ : /cannot take new dossiers right now because its storage is full/);
    // The citizen stays where they are: no step of the wizard opened.
    await expect(page.getByText(/^(Bước|Step) 2\/7$/)).toHaveCount(0);
    await w.k.shot(`storage-01-home-refused-${lang}`);

    await openClerk(page);
    const banner = page.getByTestId('clerk-storage');
    await expect(banner).toContainText(lang === 'vi' ? 'dưới mức tối thiểu 1000000 MB' : 'below the 1000000 MB minimum');
    await expect(banner).toContainText(lang === 'vi' ? 'Hãy báo bộ phận CNTT' : 'Ask IT to free disk space');
    await w.k.shot(`storage-02-clerk-${lang}`);
    await page.getByRole('button', { name: /^(Khóa|Lock)$/ }).click();
  });
}
