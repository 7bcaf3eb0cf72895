import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { KioskPage } from './kiosk-page';
import { latestOtp, simControl } from './processes';

export const nhung = { id: '066185000123', password: 'Demo@2026', phone: '0912345678', name: 'Nguyễn Thị Hồng Nhung' };

/**
 * The counter's scanner folder: the kiosk shows only files that arrive after the visit began, so
 * a test "scans" each document into the folder right before the citizen picks it (the kiosk then
 * deletes it from the folder once it has its copy). Real sample documents, plus the files a careless
 * citizen brings.
 */
export interface UsbFolder {
  dir: string;
  sha: Record<string, string>;
  /** Puts a fresh copy of a document into the folder, as the scanner would. */
  scan(name: string): void;
}

export function makeUsbFolder(maxBytes: number): UsbFolder {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
  const sources = join(dir, '.sources');
  mkdirSync(sources);
  const samples = resolve(import.meta.dirname, '../../resources/sample-documents');
  copyFileSync(join(samples, 'to-khai-mau.pdf'), join(sources, 'to-khai.pdf'));
  copyFileSync(join(samples, 'giay-chung-sinh-mau.jpg'), join(sources, 'giấy chứng sinh.jpg'));
  // A Word document renamed to .pdf: only its content can tell.
  writeFileSync(join(sources, 'giay-to-doi-ten.pdf'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000, 0x41)]));
  writeFileSync(join(sources, 'ban-scan-rat-lon.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(maxBytes + 50_000, 0x20)]));
  const sha: Record<string, string> = {};
  for (const name of ['to-khai.pdf', 'giấy chứng sinh.jpg']) sha[name] = createHash('sha256').update(readFileSync(join(sources, name))).digest('hex');
  return {
    dir,
    sha,
    scan(name) {
      rmSync(join(dir, name), { force: true });
      copyFileSync(join(sources, name), join(dir, name));
    },
  };
}

const words = {
  vi: { submit: 'Nộp hồ sơ', next: 'Đồng ý và tiếp tục', back: 'Quay lại', choose: 'Chọn tệp', camera: 'Chụp ảnh giấy tờ', take: 'Chụp ảnh', use: 'Dùng ảnh này', captcha: 'Nhập mã xác nhận', declaration: 'Tôi xin chịu trách nhiệm trước pháp luật về lời khai trên', search: 'Tìm thủ tục', atAgency: 'Nhận trực tiếp tại cơ quan', postal: 'Nhận qua bưu chính công ích', edit: 'Sửa', showText: 'Không đọc được? Hiện mã dạng chữ', saveReturn: 'Đồng ý và quay lại trang kiểm tra' },
  en: { submit: 'Submit a dossier', next: 'Agree and continue', back: 'Back', choose: 'Choose a file', camera: 'Photograph the document', take: 'Take photo', use: 'Use this photo', captcha: 'Enter the verification code', declaration: 'I take legal responsibility for the statements above', search: 'Search procedures', atAgency: 'Collect at the agency', postal: 'By public postal service', edit: 'Edit', showText: 'Can’t read it? Show the code as text', saveReturn: 'Agree and return to the review' },
} as const;

/** The wizard as a citizen drives it, by the names on screen. */
export class WizardPage {
  readonly k: KioskPage;
  readonly w: (typeof words)['vi'] | (typeof words)['en'];
  constructor(
    readonly page: Page,
    readonly lang: 'vi' | 'en' = 'vi',
    /** The scanner folder the picker reads; each pick scans its document in first. */
    readonly usb?: UsbFolder,
  ) {
    this.k = new KioskPage(page);
    this.w = words[lang];
  }

  async logIn(kioskUrl: string, simUrl: string): Promise<void> {
    await this.page.goto(kioskUrl);
    if (this.lang === 'en') await this.k.switchToEnglish();
    await this.k.openLoginForm(this.lang);
    await this.k.logInToOtp(nhung.id, nhung.password, this.lang);
    await this.k.submitOtp(await latestOtp(simUrl, nhung.phone), this.lang);
    await expect(this.k.heading(new RegExp(nhung.name))).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${this.w.submit}`) }).click();
    await expect(this.page.getByText(/^(Bước|Step) 2\/7$/)).toBeVisible();
  }

  nextButton(): Locator {
    return this.page.getByTestId('action-bar').getByRole('button').last();
  }

  async next(): Promise<void> {
    await this.nextButton().click();
  }

  async expectStep(n: number): Promise<void> {
    await expect(this.page.getByText(new RegExp(`^(Bước|Step) ${n}/7$`))).toBeVisible();
  }

  async chooseProcedure(query: string, name: RegExp): Promise<void> {
    await this.page.getByLabel(this.w.search).fill(query);
    await this.page.getByRole('button', { name }).first().click();
  }

  async chooseAgency(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  }

  slot(documentId: string): Locator {
    return this.page.locator(`[data-document="${documentId}"]`);
  }

  /** Picks a file for a slot; unless told it will be refused, waits until the slot holds it. */
  async attachFromFolder(documentId: string, fileName: string, opts: { refused?: boolean } = {}): Promise<void> {
    this.usb?.scan(fileName);
    await this.slot(documentId).getByRole('button', { name: new RegExp(`^${this.w.choose}`) }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: new RegExp(`^${fileName.replace(/[.()]/g, '\\$&')}`) }).click();
    // Copying runs in the background; the slot names the file once it is attached.
    if (!opts.refused) await expect(this.slot(documentId)).toContainText(fileName, { timeout: 20_000 });
  }

  async attachPhoto(documentId: string): Promise<void> {
    await this.slot(documentId).getByRole('button', { name: new RegExp(`^${this.w.camera}`) }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.w.take, exact: true }).click();
    await dialog.getByRole('button', { name: this.w.use, exact: true }).click();
    await expect(this.slot(documentId).locator('img.slot__thumb')).toBeVisible({ timeout: 20_000 });
  }

  async captchaFromSimulator(simUrl: string): Promise<string> {
    await expect(this.page.locator('.captcha__image, .captcha__text')).toBeVisible();
    const latest = (await simControl(simUrl, '/__sim/captcha/latest')) as { code: string };
    return latest.code;
  }

  async typeCaptcha(code: string): Promise<void> {
    await this.page.getByLabel(this.w.captcha).fill(code);
  }

  async tickDeclaration(): Promise<void> {
    await this.page.getByLabel(this.w.declaration).check();
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('action-bar').getByRole('button', { name: this.w.submit, exact: true }).click();
  }
}

export { words };
