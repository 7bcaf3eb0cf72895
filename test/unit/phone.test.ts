import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mobilePlan } from '../../common/domain/mobile-plan';
import { checkMobileNumber, maskPhone, MobileNumber } from '../../common/domain/phone';

const codes = Object.keys(mobilePlan.codes);

describe('Vietnamese mobile numbers', () => {
  it('normalises every accepted form of the same number to 0xxxxxxxxx', () => {
    for (const form of ['0912345678', '0912 345 678', '0912.345.678', '+84912345678', '+84 912 345 678', '84912345678', '(+84) 912-345-678', '0084912345678', '+84 0912 345 678', '912345678']) {
      expect(checkMobileNumber(form), form).toEqual({ ok: true, value: '0912345678' });
    }
  });

  it('property: any number under an allocated network code, in any accepted form, normalises to the same value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 4 }), (code, rest, form) => {
        const national = `${code}${String(rest).padStart(7, '0')}`;
        const sub = national.slice(1);
        const written = [national, `+84${sub}`, `84${sub}`, `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`, `0084${sub}`][form]!;
        const r = checkMobileNumber(written);
        return r.ok && r.value === national;
      }),
    );
  });

  it('refuses every mobile-looking code the plan has not allocated, naming it unassigned', () => {
    for (const first of ['3', '5', '7', '8', '9']) {
      for (let d = 0; d <= 9; d++) {
        const code = `0${first}${d}`;
        const r = checkMobileNumber(`${code}1234567`);
        if (codes.includes(code)) expect(r.ok, code).toBe(true);
        else expect(r, code).toEqual({ ok: false, problem: 'unassigned' });
      }
    }
    // The ones libphonenumber's pattern let through although no network holds them.
    for (const n of ['0301234567', '0311234567', '0511234567', '0951234567']) expect(checkMobileNumber(n)).toEqual({ ok: false, problem: 'unassigned' });
  });

  it('the table holds exactly the networks\' codes the brief lists, with its source and the date it was checked', () => {
    const brief = ['032', '033', '034', '035', '036', '037', '038', '039', '052', '055', '056', '058', '059', '070', '076', '077', '078', '079',
      '081', '082', '083', '084', '085', '086', '087', '088', '089', '090', '091', '092', '093', '094', '096', '097', '098', '099'];
    // 095 was S-Fone's, closed in 2012; the brief's "090–099" predates that.
    expect(codes.sort()).toEqual(brief);
    expect(mobilePlan.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(mobilePlan.source).toContain('798/QĐ-BTTTT');
  });

  it('refuses landlines, short and long numbers and letters, saying which', () => {
    expect(checkMobileNumber('02623812345')).toEqual({ ok: false, problem: 'not_mobile' }); // Buôn Ma Thuột landline
    expect(checkMobileNumber('+84 262 3812 345')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkMobileNumber('0112345678')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkMobileNumber('091234567')).toEqual({ ok: false, problem: 'length' });
    expect(checkMobileNumber('09123456789')).toEqual({ ok: false, problem: 'length' });
    expect(checkMobileNumber('09123abc78')).toEqual({ ok: false, problem: 'format' });
    expect(checkMobileNumber('+1 415 555 0100')).toMatchObject({ ok: false });
    expect(checkMobileNumber('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkMobileNumber('   ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('the schema returns the national form and locale keys', () => {
    expect(MobileNumber.parse('+84 354 123 456')).toBe('0354123456');
    expect(MobileNumber.safeParse('abc').error?.issues[0]?.message).toBe('phone.format');
    expect(MobileNumber.safeParse('0301234567').error?.issues[0]?.message).toBe('phone.unassigned');
  });

  it('masks the middle digits', () => {
    expect(maskPhone('0912345678')).toBe('091••••678');
  });
});
