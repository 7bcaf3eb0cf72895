import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Address, ComplaintSubmission, DeliveryAddress, DossierPayload } from '../../common/domain/dossier';
import { hasForbiddenCharacters } from '../../common/domain/free-text';
import { ComplaintForm, RegistrationForm } from '../../common/domain/registration';
import { samplePayload } from '../integration/outbox/fixtures';

/**
 * Free text that goes to the provincial API (street details, complaints) refuses what a person
 * cannot type or see — control characters, broken UTF-16, bidi overrides and other invisible
 * format characters — with a message key the UI translates; Vietnamese text of any kind passes.
 */
const forbidden: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['ESC', '\u001b'],
  ['BEL', '\u0007'],
  ['vertical tab', '\u000b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['C1 CSI', '\u009b'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udc00'],
  ['right-to-left override', '\u202e'],
  ['left-to-right embedding', '\u202a'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['right-to-left mark', '\u200f'],
  ['Arabic letter mark', '\u061c'],
  ['zero-width space', '\u200b'],
  ['byte order mark', '\ufeff'],
  ['replacement character', '\ufffd'],
  ['noncharacter U+FFFF', '\uffff'],
];

const vietnamese = [
  '12 Lê Duẩn, phường Buôn Ma Thuột',
  "Buôn Ko Tam, xã Ea Tu — nhà H'Hen Niê",
  'Thôn 3, xã Krông Pắc (gần chợ)',
  'Số 5/7 hẻm 102 Y Wang; tổ dân phố 4',
  'Ấp Đồng Xoài #2, Phú Yên',
  'Nhà ông Nguyễn Văn Ư 😀',
];

const issues = (r: { success: boolean; error?: { issues: Array<{ path: Array<string | number>; message: string }> } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

const registration = (addressDetail: string) => ({
  fullName: 'Lê Văn Hùng',
  citizenId: '066085000123',
  birthDate: '08/02/1985',
  gender: 'male',
  phone: '0961234567',
  email: '',
  provinceCode: '66',
  communeCode: '24133',
  addressDetail,
});
const complaint = (description: string) => ({ citizenId: '066185000123', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678', description });
const address = (detail: string) => ({ ...samplePayload().applicant.address, detail });

describe('free text sent to the API', () => {
  it.each(forbidden)('refuses %s in a street detail, a delivery address, a registration address and a complaint', (_name, ch) => {
    const text = `12 Lê Duẩn${ch} phường Tân Lập`;
    expect(hasForbiddenCharacters(text)).toBe(true);
    expect(issues(Address.safeParse(address(text)))).toEqual(['detail:address.characters']);
    expect(issues(DeliveryAddress.safeParse({ ...address(text), phone: '0912345678' }))).toEqual(['detail:address.characters']);
    expect(issues(DossierPayload.safeParse(samplePayload({ applicant: { ...samplePayload().applicant, address: address(text) } })))).toEqual([
      'applicant.address.detail:address.characters',
    ]);
    expect(issues(RegistrationForm.safeParse(registration(text)))).toEqual(['addressDetail:address.characters']);
    expect(issues(ComplaintForm.safeParse(complaint(`Tài khoản này không phải của tôi${ch}, tôi chưa từng đăng ký.`)))).toEqual([
      'description:description.characters',
    ]);
    expect(
      issues(ComplaintSubmission.safeParse({ ...complaint(`Tài khoản này không phải của tôi${ch}.`), submittedAt: '2026-12-01T08:00:00+07:00' })),
    ).toEqual(['description:complaint.characters']);
  });

  it.each(vietnamese)('takes "%s" as it is (NFC)', (text) => {
    expect(hasForbiddenCharacters(text)).toBe(false);
    const r = Address.safeParse(address(text.normalize('NFD')));
    expect(r.success && r.data.detail).toBe(text.normalize('NFC'));
    expect(RegistrationForm.safeParse(registration(text)).success).toBe(true);
  });

  it('a complaint keeps its line breaks; tabs and CR/LF are whitespace, not refused', () => {
    const r = ComplaintForm.safeParse(complaint('Tôi không đăng ký tài khoản này.\r\n\tXin kiểm tra giúp.'));
    expect(r.success && r.data.description).toBe('Tôi không đăng ký tài khoản này.\nXin kiểm tra giúp.');
  });

  it('any text of letters, digits, punctuation and emoji passes; one forbidden character anywhere is refused', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ÀĐƯ0123456789,./-#()\'😀'];
    const ok = fc.array(fc.constantFrom(...letters), { maxLength: 80 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(ok, fc.constantFrom(...forbidden.map(([, ch]) => ch)), fc.nat(), (text, ch, at) => {
        expect(hasForbiddenCharacters(text)).toBe(false);
        const i = at % (text.length + 1);
        expect(hasForbiddenCharacters(text.slice(0, i) + ch + text.slice(i))).toBe(true);
      }),
    );
  });
});
