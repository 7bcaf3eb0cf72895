import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMobileNumber, maskPhone, MobileNumber } from '../../common/domain/phone';

describe('Vietnamese mobile numbers', () => {
  it('normalises every accepted form of the same number to 0xxxxxxxxx', () => {
    for (const form of ['0912345678', '0912 345 678', '0912.345.678', '+84912345678', '+84 912 345 678', '84912345678', '(+84) 912-345-678']) {
      expect(checkMobileNumber(form)).toEqual({ ok: true, value: '0912345678' });
    }
  });

  it('property: any assigned mobile number written in any accepted form normalises to the same value', () => {
    // Prefixes whose whole block libphonenumber lists as assigned (052, 055, 089 and 099 are only
    // partly assigned, so not every random subscriber number under them is valid).
    const prefixes = ['032', '033', '034', '035', '036', '037', '038', '039', '056', '058', '070', '076', '077', '078', '079',
      '081', '082', '083', '084', '085', '086', '087', '088', '090', '091', '092', '093', '094', '096', '097', '098'];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 3 }), (prefix, rest, form) => {
        const national = `${prefix}${String(rest).padStart(7, '0')}`;
        const sub = national.slice(1);
        const written = [national, `+84${sub}`, `84${sub}`, `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`][form]!;
        const r = checkMobileNumber(written);
        return r.ok && r.value === national;
      }),
    );
  });

  it('refuses landlines, unassigned prefixes, short numbers and letters, saying which', () => {
    expect(checkMobileNumber('02623812345')).toEqual({ ok: false, problem: 'not_mobile' }); // Buôn Ma Thuột landline
    expect(checkMobileNumber('0112345678')).toMatchObject({ ok: false });
    expect(checkMobileNumber('091234567')).toMatchObject({ ok: false });
    expect(checkMobileNumber('09123abc78')).toEqual({ ok: false, problem: 'format' });
    expect(checkMobileNumber('')).toEqual({ ok: false, problem: 'empty' });
  });

  it('the schema returns the national form and locale keys', () => {
    expect(MobileNumber.parse('+84 354 123 456')).toBe('0354123456');
    expect(MobileNumber.safeParse('abc').error?.issues[0]?.message).toBe('phone.format');
  });

  it('masks the middle digits', () => {
    expect(maskPhone('0912345678')).toBe('091••••678');
  });
});
