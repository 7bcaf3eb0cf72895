import { expect, type Page } from '@playwright/test';
import { KioskPage } from './kiosk-page';

/** Names on the registration screens, as a citizen (and a screen reader) finds them. */
export const reg = {
  vi: {
    register: 'Đăng ký',
    citizen: 'Công dân',
    mobile: 'Thuê bao di động',
    fullName: 'Họ và tên',
    citizenId: 'Số CMND/CCCD',
    birthDate: 'Ngày sinh',
    male: 'Nam',
    female: 'Nữ',
    phone: 'Số điện thoại di động',
    email: 'Thư điện tử (email)',
    commune: 'Xã / Phường',
    search: 'Tìm theo tên',
    addressDetail: 'Số nhà, đường, thôn, buôn',
    password: 'Mật khẩu',
    confirm: 'Nhập lại mật khẩu',
    doneHeading: 'Đăng ký tài khoản thành công',
    login: 'Đăng nhập',
    forgot: 'Quên mật khẩu',
    complain: 'Khiếu nại',
  },
  en: {
    register: 'Register',
    citizen: 'Citizen',
    mobile: 'Mobile subscription',
    fullName: 'Full name',
    citizenId: 'ID card number (CMND/CCCD)',
    birthDate: 'Date of birth',
    male: 'Male',
    female: 'Female',
    phone: 'Mobile number',
    email: 'E-mail',
    commune: 'Commune / Ward',
    search: 'Search by name',
    addressDetail: 'House number, street, village',
    password: 'Password',
    confirm: 'Type the password again',
    doneHeading: 'Your account is registered',
    login: 'Log in',
    forgot: 'Forgot password',
    complain: 'Complaint',
  },
} as const;
export type Lang = keyof typeof reg;

export interface Applicant {
  fullName: string;
  citizenId: string;
  birthDate: string;
  gender: 'male' | 'female';
  phone: string;
  communeSearch: string;
  commune: string;
  addressDetail: string;
}

export class RegistrationPage extends KioskPage {
  constructor(page: Page, readonly lang: Lang = 'vi') {
    super(page);
  }
  get l() {
    return reg[this.lang];
  }
  field(label: string) {
    return this.page.getByLabel(label, { exact: false }).first();
  }

  async openForm(shots?: string): Promise<void> {
    await this.button(new RegExp(`^${this.l.register}`)).click();
    if (shots) await this.shot(`${shots}-type-${this.lang}`);
    await this.button(new RegExp(`^${this.l.citizen}`)).click();
    if (shots) await this.shot(`${shots}-method-${this.lang}`);
    await this.button(new RegExp(`^${this.l.mobile}`)).click();
    await expect(this.field(this.l.fullName)).toBeVisible();
  }

  async chooseCommune(search: string, name: string, shot?: string): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    // The picker is disabled until the catalog of communes has arrived (slow on a loaded machine).
    const picker = this.page.getByRole('button', { name: new RegExp(this.l.commune) });
    await expect(picker).toBeEnabled();
    await picker.click();
    await expect(dialog.getByLabel(this.l.search)).toBeVisible();
    await dialog.getByLabel(this.l.search).fill(search);
    if (shot) await this.shot(shot);
    await dialog.getByRole('option', { name, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async fill(a: Applicant, shot?: string): Promise<void> {
    await this.field(this.l.fullName).fill(a.fullName);
    await this.field(this.l.citizenId).fill(a.citizenId);
    await this.field(this.l.birthDate).fill(a.birthDate);
    await this.page.getByRole('radio', { name: a.gender === 'male' ? this.l.male : this.l.female, exact: true }).check();
    await this.field(this.l.phone).fill(a.phone);
    await this.chooseCommune(a.communeSearch, a.commune, shot);
    await this.field(this.l.addressDetail).fill(a.addressDetail);
  }

  async submitForm(): Promise<void> {
    await this.page.getByTestId('action-bar').getByRole('button', { name: this.l.register, exact: true }).click();
  }

  async setPassword(password: string, confirm = password): Promise<void> {
    await this.page.getByRole('textbox', { name: this.l.password, exact: true }).fill(password);
    await this.page.getByRole('textbox', { name: this.l.confirm, exact: true }).fill(confirm);
  }
}
