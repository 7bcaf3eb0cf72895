import { expect, test } from '@playwright/test';
import { allLooks, checkScreen, seriousViolations, setLook } from './a11y';
import { KioskPage, labels } from './kiosk-page';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { latestOtp, startKiosk, useSimulatorAndKiosk } from './processes';

/** axe-core on every screen of the login flow, its dialogs and its keyboards: vi/en × normal/high contrast. */
const nhung = { id: '066185000123', password: 'Demo@2026', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };

const env = useSimulatorAndKiosk({ resetBeforeEach: true });

test('the login flow has no serious accessibility problems on any screen, in any language or theme', async ({ page }) => {
  // Long: axe on every login screen in four looks: 1.9–2.2 min at load 18.
  test.setTimeout(330_000);
  const k = new KioskPage(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.goto(env.kiosk.url);
  await expect(k.button(/^Đăng nhập/).first()).toBeVisible();
  await checkScreen(page, 'start');

  await k.button(/^Đăng nhập/).first().click();
  await checkScreen(page, 'login-method');
  await k.button(/^Đăng nhập Cổng DVC Quốc gia/).click();
  await checkScreen(page, 'login-account');
  await k.button(/^Tài khoản cấp bởi Cổng dịch vụ công quốc gia/).click();
  await checkScreen(page, 'login-form');

  const id = page.getByLabel(labels.vi.idLabel).or(page.getByLabel(labels.en.idLabel));
  await checkScreen(page, 'login-form-numeric-keyboard', {
    prepare: async () => {
      await id.tap();
      await expect(osk.root).toBeVisible();
    },
  });
  const password = page.locator('input[data-keyboard="password"]');
  await checkScreen(page, 'login-form-password-keyboard', {
    prepare: async () => {
      await password.tap();
      await expect(osk.root).toBeVisible();
    },
  });

  // Errors appear beside the fields and are announced.
  await page.getByTestId('action-bar').getByRole('button', { name: labels.vi.login, exact: true }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await checkScreen(page, 'login-form-errors');

  await checkScreen(page, 'scan-dialog-no-camera', {
    prepare: async () => {
      await page.getByRole('button', { name: /^(Quét CCCD|Scan CCCD)$/ }).click();
      await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    },
    cleanup: async () => {
      await page.getByRole('dialog').getByRole('button', { name: /^(Đóng|Close)$/ }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    },
  });

  await k.logInToOtp(nhung.id, nhung.password);
  await checkScreen(page, 'otp');
  await k.submitOtp(await latestOtp(env.sim.url, nhung.phone));
  await expect(k.heading(new RegExp(nhung.name))).toBeVisible();
  await checkScreen(page, 'home');
});

test('the idle warning has no serious accessibility problems, takes focus, keeps it, and gives it back', async ({ page }) => {
  // Long: the idle warning is brought up and checked in each of four looks (30 s at load 18).
  test.setTimeout(90_000);
  const quick = await startKiosk({ apiBaseUrl: env.sim.url, config: { idleTimeoutSeconds: 30, idleWarningSeconds: 28 } });
  try {
    const k = new KioskPage(page);
    await page.goto(quick.url);
    await k.openLoginForm();
    for (const look of allLooks) {
      // The look is set before the warning: the dialog covers the top bar.
      await setLook(page, look);
      const id = page.locator('input[data-keyboard="numeric"]');
      await id.focus();
      const dialog = page.getByRole('alertdialog', { name: look.lang === 'vi' ? 'Bạn còn ở đây không?' : /still there/i });
      await expect(dialog).toBeVisible();
      const more = dialog.getByRole('button', { name: look.lang === 'vi' ? 'Tôi cần thêm thời gian' : /more time/i });
      await expect(more).toBeFocused();
      // Tab stays inside the dialog.
      await page.keyboard.press('Tab');
      await expect(more).not.toBeFocused();
      await expect(dialog.locator(':focus')).toHaveCount(1);
      await page.keyboard.press('Tab');
      await expect(more).toBeFocused();
      const label = `idle-warning-${look.lang}${look.contrast ? '-contrast' : ''}`;
      await page.screenshot({ path: `test-results/screenshots/a11y/${label}.png` });
      expect(await seriousViolations(page), `axe: ${label}`).toEqual([]);
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      // Back where the citizen was.
      await expect(id).toBeFocused();
    }
  } finally {
    await quick.stop();
  }
});
