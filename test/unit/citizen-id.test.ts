import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CitizenId, cccdBirthFacts, checkCitizenId, maskCitizenId } from '../../common/domain/citizen-id';
import { cccdProvinceCodes } from '../../common/domain/province-codes';

const provinceCodes = [...cccdProvinceCodes.keys()];
const validCccd = fc
  .tuple(fc.constantFrom(...provinceCodes), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([p, g, y, r]) => `${p}${g}${String(y).padStart(2, '0')}${String(r).padStart(6, '0')}`);

describe('citizen ID numbers', () => {
  it('accepts a 9-digit CMND and a 12-digit CCCD', () => {
    expect(checkCitizenId('241234567')).toEqual({ ok: true, value: '241234567', kind: 'cmnd' });
    expect(checkCitizenId('066185000123')).toEqual({ ok: true, value: '066185000123', kind: 'cccd' });
  });

  it('drops the spaces, dots and dashes a clerk types, and full-width digits', () => {
    expect(checkCitizenId(' 066 185.000-123 ')).toMatchObject({ ok: true, value: '066185000123' });
    expect(checkCitizenId('０６６１８５０００１２３')).toMatchObject({ ok: true, value: '066185000123' });
  });

  it('says what is wrong: empty, letters, length, province code, gender/century digit', () => {
    expect(checkCitizenId('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkCitizenId('06618500012A')).toEqual({ ok: false, problem: 'not_digits' });
    expect(checkCitizenId('0661850001')).toEqual({ ok: false, problem: 'length' });
    expect(checkCitizenId('003185000123')).toEqual({ ok: false, problem: 'province_code' });
    expect(checkCitizenId('066585000123')).toEqual({ ok: false, problem: 'gender_century' });
  });

  it('decodes gender and birth year from the fourth to sixth digits', () => {
    expect(cccdBirthFacts('066185000123')).toEqual({ gender: 'female', birthYear: 1985 });
    expect(cccdBirthFacts('066204000123')).toEqual({ gender: 'male', birthYear: 2004 });
  });

  it('every generated valid CCCD passes', () => {
    fc.assert(fc.property(validCccd, (id) => checkCitizenId(id).ok));
  });

  it('every single-digit corruption of the province code to a code that does not exist is caught', () => {
    fc.assert(
      fc.property(validCccd, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 }), (id, pos, digit) => {
        const corrupted = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        const check = checkCitizenId(corrupted);
        if (cccdProvinceCodes.has(corrupted.slice(0, 3))) return check.ok;
        return !check.ok && check.problem === 'province_code';
      }),
    );
  });

  it('every gender/century digit outside 0–3 is caught', () => {
    fc.assert(
      fc.property(validCccd, fc.integer({ min: 4, max: 9 }), (id, digit) => {
        const check = checkCitizenId(id.slice(0, 3) + String(digit) + id.slice(4));
        return !check.ok && check.problem === 'gender_century';
      }),
    );
  });

  it('the zod schema gives locale keys as messages and the normalised value', () => {
    expect(CitizenId.parse('066 185 000 123')).toBe('066185000123');
    const r = CitizenId.safeParse('12');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('citizenId.length');
    expect(CitizenId.safeParse(42).error?.issues[0]?.message).toBe('citizenId.empty');
  });

  it('masks all but the last four digits', () => {
    expect(maskCitizenId('066185000123')).toBe('••••••••0123');
  });
});
