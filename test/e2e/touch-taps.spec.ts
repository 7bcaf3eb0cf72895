import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test';
import { KioskPage, labels } from './kiosk-page';
import { OnScreenKeyboardPage } from './on-screen-keyboard';
import { useSimulatorAndKiosk } from './processes';
import { staffConfig, TEST_CLERK } from '../support/staff';

/**
 * No tap is lost. A finger goes down on a button while the on-screen keyboard is up, the screen is
 * measured while it is still down, and then it lifts: nothing may have moved in between (the
 * keyboard closing, an error appearing under the field just left), and that one tap must do what
 * the button says. Touches are sent through Chromium's own input pipeline (CDP), so the gesture,
 * focus change and click happen exactly as on a touch screen.
 */
const env = useSimulatorAndKiosk({ kiosk: { config: { staff: staffConfig([TEST_CLERK]) } }, resetBeforeEach: true });
const nhung = { id: '066185000123', password: 'Demo@2026' };

async function press(cdp: CDPSession, target: Locator): Promise<{ x: number; y: number }> {
  const box = (await target.boundingBox())!;
  const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  return point;
}
async function lift(cdp: CDPSession): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
/** The layout of everything that could move under the finger, as one comparable value. */
async function layoutOf(page: Page, target: Locator) {
  return {
    target: await target.boundingBox(),
    keyboard: await page.getByTestId('on-screen-keyboard').boundingBox(),
  };
}

async function openLogin(page: Page) {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await k.openLoginForm();
  return k;
}

test('with the keyboard up, one tap on "Đăng nhập" logs in: nothing moves while the finger is down', async ({ page }) => {
  const k = await openLogin(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.getByLabel(labels.vi.idLabel).tap();
  await osk.tapPlain(nhung.id);
  await page.getByRole('textbox', { name: labels.vi.passwordLabel, exact: true }).tap();
  await osk.tapPlain(nhung.password);

  const cdp = await page.context().newCDPSession(page);
  const login = k.action(labels.vi.login);
  const before = await layoutOf(page, login);
  expect(before.keyboard, 'the keyboard is up').not.toBeNull();
  await press(cdp, login);
  // The finger is down: the field has lost focus, but the keyboard stays until the tap is over.
  expect(await layoutOf(page, login)).toEqual(before);
  await lift(cdp);
  await expect(page.getByLabel(labels.vi.otpLabel)).toBeVisible();
  await expect(osk.root).toBeHidden();
});

test('an error shown for the field just left waits for the tap: "Hiện mật khẩu" under it works at the first touch', async ({ page }) => {
  await openLogin(page);
  const osk = new OnScreenKeyboardPage(page);
  // A wrong ID: leaving the field shows an error above the button about to be touched.
  await page.getByLabel(labels.vi.idLabel).tap();
  await osk.tapPlain('123');
  const show = page.getByRole('button', { name: 'Hiện mật khẩu' });
  // Below the field in the content region: the citizen scrolls to it, the keyboard still up.
  await show.scrollIntoViewIfNeeded();
  await expect(osk.root).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const before = await layoutOf(page, show);
  await press(cdp, show);
  expect(await layoutOf(page, show)).toEqual(before);
  await lift(cdp);
  await expect(page.getByRole('button', { name: 'Ẩn mật khẩu' })).toHaveAttribute('aria-pressed', 'true');
  // And the field's error appears once the tap is over.
  await expect(page.getByText('Số CMND có 9 số, số CCCD có 12 số.', { exact: false })).toBeVisible();
});

test('a key lights up and types the moment the finger lands; lifting it types nothing more', async ({ page }) => {
  await openLogin(page);
  const osk = new OnScreenKeyboardPage(page);
  const id = page.getByLabel(labels.vi.idLabel);
  await id.tap();
  await osk.ready();
  const five = osk.key('5');
  const cdp = await page.context().newCDPSession(page);
  await press(cdp, five);
  // The finger is still down.
  await expect(five).toHaveClass(/osk__key--down/);
  await expect(id).toHaveValue('5');
  await lift(cdp);
  await expect(five).not.toHaveClass(/osk__key--down/);
  // A second key, to be sure the first one's release (and its click) added nothing.
  await press(cdp, osk.key('6'));
  await expect(id).toHaveValue('56');
  await lift(cdp);
  await expect(osk.key('6')).not.toHaveClass(/osk__key--down/);
  await expect(id).toHaveValue('56');
  // A key pressed from a clerk's keyboard or a screen reader (a click with no pointer) still types.
  await osk.key('7').dispatchEvent('click');
  await expect(id).toHaveValue('567');
});

test('the clerk-only typing method is not on the citizen\'s keyboard, it is in the clerk area', async ({ page }) => {
  await openLogin(page);
  const osk = new OnScreenKeyboardPage(page);
  await page.getByRole('textbox', { name: labels.vi.passwordLabel, exact: true }).tap();
  await osk.ready();
  await expect(osk.root.getByRole('button', { name: /Kiểu gõ|Telex|VNI/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cán bộ' }).tap();
  const area = page.getByTestId('clerk-area');
  await area.getByLabel('Mã PIN cán bộ').fill(TEST_CLERK.pin);
  await area.getByRole('button', { name: 'Mở khóa' }).tap();
  await expect(area.getByRole('group', { name: 'Kiểu gõ tiếng Việt cho bàn phím máy' })).toBeVisible();
  await area.getByRole('button', { name: 'Telex' }).tap();
  await expect(area.getByRole('button', { name: 'Telex' })).toHaveAttribute('aria-pressed', 'true');
});
