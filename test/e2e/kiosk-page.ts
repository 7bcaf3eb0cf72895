import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const shotsDir = resolve(import.meta.dirname, '../../test-results/screenshots');
mkdirSync(shotsDir, { recursive: true });

/** The kiosk as a citizen sees it, found by the names on screen (as people and screen readers do). */
export class KioskPage {
  constructor(readonly page: Page) {}

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** A button of the screen's action bar (Back, and the step's primary button). */
  action(name: string | RegExp): Locator {
    return this.page.getByTestId('action-bar').getByRole('button', { name, exact: typeof name === 'string' });
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  alert(): Locator {
    return this.page.locator('.banner--error');
  }

  async shot(name: string): Promise<void> {
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
  }

  async switchToEnglish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', 'en');
  }

  /** Start screen → … → the ID + password form, through the guide's steps. */
  async openLoginForm(lang: 'vi' | 'en' = 'vi'): Promise<void> {
    const l = labels[lang];
    await this.button(new RegExp(`^${l.login}`)).first().click();
    await this.button(new RegExp(`^${l.national}`)).click();
    await this.button(new RegExp(`^${l.portalAccount}`)).click();
    await expect(this.heading(l.login)).toBeVisible();
  }

  async submitCredentials(id: string, password: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    const l = labels[lang];
    await this.page.getByLabel(l.idLabel).fill(id);
    await this.page.getByLabel(l.passwordLabel, { exact: false }).first().fill(password);
    await this.action(l.login).click();
  }

  /** Credentials accepted: wait for the OTP screen, so the SMS has been sent. */
  async logInToOtp(id: string, password: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    await this.submitCredentials(id, password, lang);
    await expect(this.page.getByLabel(labels[lang].otpLabel)).toBeVisible();
  }

  async submitOtp(code: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    const l = labels[lang];
    await this.page.getByLabel(l.otpLabel).fill(code);
    await this.button(l.confirm).click();
  }
}

export const labels = {
  vi: {
    login: 'Đăng nhập',
    national: 'Đăng nhập Cổng DVC Quốc gia',
    portalAccount: 'Tài khoản cấp bởi Cổng dịch vụ công quốc gia',
    idLabel: 'CMND hoặc CCCD',
    passwordLabel: 'Mật khẩu',
    otpLabel: 'Mã OTP',
    confirm: 'Xác nhận',
    resend: 'Gửi lại OTP',
    finish: 'Kết thúc',
  },
  en: {
    login: 'Log in',
    national: 'Log in with the National Public Service Portal',
    portalAccount: 'Account issued by the National Public Service Portal',
    idLabel: 'ID card number (CMND or CCCD)',
    passwordLabel: 'Password',
    otpLabel: 'OTP code',
    confirm: 'Confirm',
    resend: 'Resend OTP',
    finish: 'Finish',
  },
} as const;
