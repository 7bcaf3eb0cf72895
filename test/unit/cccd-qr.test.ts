import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCccdQr } from '../../common/input/cccd-qr';

const now = new Date('2025-06-15T03:00:00Z');
const address = 'Số 12, Đường Lê Duẩn, Phường Tân Lợi, Thành phố Buôn Ma Thuột, Đắk Lắk';

// 066 = Đắk Lắk; digit 4: 0 = man born in the 1900s, 1 = woman 1900s, 3 = woman 2000s.
const man1955 = '066055001234';
const woman1962 = '066162004321';
const woman2001 = '066301000777';

describe('reading a CCCD QR code', () => {
  it('reads the seven-field layout with the old CMND number', () => {
    const payload = `${man1955}|241234567|Nguyễn Văn Hùng|02011955|Nam|${address}|15082021`;
    expect(parseCccdQr(payload, now)).toEqual({
      ok: true,
      value: {
        citizenId: man1955,
        oldId: '241234567',
        fullName: 'Nguyễn Văn Hùng',
        birthDate: '1955-01-02',
        gender: 'male',
        address,
        issueDate: '2021-08-15',
      },
    });
  });

  it('reads an empty old ID as null', () => {
    const ok = parseCccdQr(`${woman1962}||H'Hen Niê|28021962|Nữ|Buôn Kô Sĩ, Xã Hòa Xuân|10072022`, now);
    expect(ok).toMatchObject({ ok: true, value: { oldId: null, fullName: "H'Hen Niê", gender: 'female' } });
  });

  it('reads the six-field layout that leaves the old ID out', () => {
    const result = parseCccdQr(`${woman2001}|Đặng Thuỳ Trâm|05122001|Nữ|${address}|01032022`, now);
    expect(result).toMatchObject({
      ok: true,
      value: { citizenId: woman2001, oldId: null, fullName: 'Đặng Thuỳ Trâm', birthDate: '2001-12-05', address },
    });
  });

  it('keeps commas in the address and normalises NFD text to NFC', () => {
    const name = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const result = parseCccdQr(
      `${woman1962}||${name}|01011962|${'Nữ'.normalize('NFD')}|${address.normalize('NFD')}|01012021\r\n`,
      now,
    );
    expect(result).toMatchObject({ ok: true, value: { fullName: 'Nguyễn Thị Hồng Nhung', gender: 'female', address } });
    if (result.ok) expect(result.value.fullName).toBe(result.value.fullName.normalize('NFC'));
  });

  it('refuses text that is not a CCCD code', () => {
    expect(parseCccdQr('https://dichvucong.daklak.gov.vn/?q=a|b|c|d|e|f', now)).toEqual({
      ok: false,
      problem: 'not_cccd',
    });
    expect(parseCccdQr('', now)).toEqual({ ok: false, problem: 'not_cccd' });
    expect(parseCccdQr('8934563138165', now)).toEqual({ ok: false, problem: 'not_cccd' });
    expect(parseCccdQr(`${man1955}|Nguyễn Văn Hùng|02011955|Nam`, now)).toEqual({ ok: false, problem: 'not_cccd' });
  });

  it('fills nothing from a layout it does not know, such as the 2024 Căn cước card', () => {
    const longer = `${man1955}|241234567|Nguyễn Văn Hùng|02011955|Nam|${address}|15082021|Kinh|Không`;
    expect(parseCccdQr(longer, now)).toEqual({ ok: false, problem: 'unknown_layout' });
    // Six fields whose second is a number are not the layout without the old ID.
    expect(parseCccdQr(`${man1955}|241234567|Nguyễn Văn Hùng|02011955|Nam|${address}`, now)).toEqual({
      ok: false,
      problem: 'unknown_layout',
    });
    expect(parseCccdQr(`${man1955}|Nguyễn|Văn Hùng|02011955|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'unknown_layout',
    });
    expect(parseCccdQr(`${man1955}|||02011955|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'unknown_layout',
    });
  });

  it('refuses an ID with a province code no province has, or of the wrong length', () => {
    expect(parseCccdQr(`003055001234||Nguyễn Văn Hùng|02011955|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'invalid_id',
    });
    expect(parseCccdQr(`241234567||Nguyễn Văn Hùng|02011955|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'invalid_id',
    });
    expect(parseCccdQr(`066855001234||Nguyễn Văn Hùng|02011955|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'invalid_id',
    });
  });

  it('refuses an ID whose gender or century digit disagrees with the card', () => {
    // A man's ID printed beside "Nữ".
    expect(parseCccdQr(`${man1955}||Nguyễn Thị Lan|02011955|Nữ|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'id_mismatch',
    });
    // Digit 0 means the 1900s; the card says 2005.
    expect(parseCccdQr(`066005001234||Nguyễn Văn An|02012005|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'id_mismatch',
    });
    // The two year digits disagree with the birth date.
    expect(parseCccdQr(`${man1955}||Nguyễn Văn Hùng|02011956|Nam|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'id_mismatch',
    });
  });

  it('refuses dates that are not real, lie in the future, or put issue before birth', () => {
    const card = (birth: string, issue: string) =>
      parseCccdQr(`${man1955}||Nguyễn Văn Hùng|${birth}|Nam|${address}|${issue}`, now);
    expect(card('30021955', '15082021')).toEqual({ ok: false, problem: 'invalid_date' });
    expect(card('29021955', '15082021')).toEqual({ ok: false, problem: 'invalid_date' });
    expect(card('02131955', '15082021')).toEqual({ ok: false, problem: 'invalid_date' });
    expect(card('2-1-1955', '15082021')).toEqual({ ok: false, problem: 'invalid_date' });
    expect(card('02011955', '16062025')).toEqual({ ok: false, problem: 'invalid_date' });
    expect(card('02011955', '01011950')).toEqual({ ok: false, problem: 'invalid_date' });
    // Issued today in Vietnam, though it is still the previous day in UTC.
    expect(
      parseCccdQr(`${man1955}||Nguyễn Văn Hùng|02011955|Nam|${address}|15062025`, new Date('2025-06-14T18:00:00Z')).ok,
    ).toBe(true);
  });

  it('refuses a gender other than Nam or Nữ', () => {
    expect(parseCccdQr(`${man1955}||Nguyễn Văn Hùng|02011955|Male|${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'invalid_gender',
    });
    expect(parseCccdQr(`${man1955}||Nguyễn Văn Hùng|02011955||${address}|15082021`, now)).toEqual({
      ok: false,
      problem: 'invalid_gender',
    });
  });

  it('never throws, whatever the scanner sends', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.stringMatching(/^\d{6,12}$/)), { maxLength: 9 }), (fields) => {
        const result = parseCccdQr(fields.join('|'), now);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
