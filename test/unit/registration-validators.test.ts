import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCitizenId } from '../../common/domain/citizen-id';
import { checkPasswordPolicy, failedPasswordRules, NewPasswordForm } from '../../common/domain/password-policy';
import { checkBirthDate, normalizePersonName, PersonName } from '../../common/domain/person';
import { checkMobileNumber } from '../../common/domain/phone';
import { cccdProvinceCodes } from '../../common/domain/province-codes';
import { ComplaintForm, RegistrationForm } from '../../common/domain/registration';
import { foldForSearch, matchesSearch } from '../../common/domain/search';

const provinceCodes = [...cccdProvinceCodes.keys()];

/** A real-looking CCCD and the birth facts it encodes. */
const validCccd = fc
  .record({
    province: fc.constantFrom(...provinceCodes),
    gender: fc.constantFrom('male' as const, 'female' as const),
    year: fc.integer({ min: 1900, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999_999 }),
  })
  .map(({ province, gender, year, month, day, serial }) => {
    const digit = (year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
    const id = `${province}${digit}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
    const birthDate = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    return { id, gender, birthDate };
  });

const base = {
  fullName: 'Lê Văn Hùng',
  phone: '0961234567',
  email: '',
  provinceCode: '66',
  communeCode: '24133',
  addressDetail: 'Thôn 3',
};
const form = (o: { id: string; gender: 'male' | 'female'; birthDate: string }) => ({ ...base, citizenId: o.id, gender: o.gender, birthDate: o.birthDate });
const issuesOf = (input: unknown) => {
  const r = RegistrationForm.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('CCCD in the registration form', () => {
  it('every valid generated CCCD passes with the birth date and gender it encodes', () => {
    fc.assert(
      fc.property(validCccd, (c) => {
        expect(issuesOf(form(c))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('every single-digit corruption of the gender/century digit is caught', () => {
    fc.assert(
      fc.property(validCccd, fc.integer({ min: 0, max: 9 }), (c, d) => {
        fc.pre(String(d) !== c.id[3]);
        const corrupted = c.id.slice(0, 3) + d + c.id.slice(4);
        expect(issuesOf(form({ ...c, id: corrupted })).some((i) => i.startsWith('citizenId:'))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('every single-digit corruption of the province code that is not another real code is caught', () => {
    // A CCCD has no check digit: a typo that lands on another real province code (066 → 064)
    // cannot be told from a real card. Every other corruption must be refused.
    let caughtAll = 0;
    fc.assert(
      fc.property(validCccd, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 }), (c, pos, d) => {
        fc.pre(String(d) !== c.id[pos]);
        const corrupted = c.id.slice(0, pos) + d + c.id.slice(pos + 1);
        const real = cccdProvinceCodes.has(corrupted.slice(0, 3));
        const issues = issuesOf(form({ ...c, id: corrupted }));
        if (!real) {
          expect(issues).toContain('citizenId:citizenId.province_code');
          caughtAll++;
        } else expect(issues).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect(caughtAll).toBeGreaterThan(100);
  });

  it('a birth year or gender that disagrees with the CCCD is named on the ID field', () => {
    expect(issuesOf(form({ id: '066090123456', gender: 'male', birthDate: '14/05/1991' }))).toEqual(['citizenId:citizenId.birth_year_mismatch']);
    expect(issuesOf(form({ id: '066090123456', gender: 'female', birthDate: '14/05/1990' }))).toEqual(['citizenId:citizenId.gender_mismatch']);
  });

  it('a 9-digit CMND is accepted whatever the birth data', () => {
    expect(issuesOf(form({ id: '245 678 901', gender: 'male', birthDate: '08/02/1975' }))).toEqual([]);
  });
});

describe('what a clerk types', () => {
  const ten = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }).map((d) => d.join(''));
  const mobile = fc.tuple(fc.constantFrom('32', '33', '34', '35', '36', '37', '38', '39', '56', '58', '70', '76', '77', '78', '79', '81', '83', '84', '85', '86', '88', '89', '90', '91', '93', '94', '96', '97', '98'), ten).map(([p, rest]) => `${p}${rest}`);

  it('phone numbers in every accepted form normalise to the same value', () => {
    const spaced = (s: string, sep: string) => s.replace(/(\d{3})(\d{3})(\d+)/, `$1${sep}$2${sep}$3`);
    fc.assert(
      fc.property(mobile, fc.constantFrom(' ', '.', '-', ''), fc.constantFrom('', ' ', '  '), (core, sep, pad) => {
        const forms = [`0${core}`, `+84${core}`, `84${core}`, `+84 ${spaced(core, sep)}`, spaced(`0${core}`, sep), `(+84) ${core}`];
        const values = forms.map((f) => checkMobileNumber(`${pad}${f}${pad}`));
        for (const v of values) expect(v).toEqual({ ok: true, value: `0${core}` });
      }),
      { numRuns: 300 },
    );
  });

  it('an ID typed with spaces or dots is the same ID', () => {
    fc.assert(
      fc.property(validCccd, fc.constantFrom(' ', '.', '  '), (c, sep) => {
        const typed = ` ${c.id.slice(0, 3)}${sep}${c.id.slice(3, 6)}${sep}${c.id.slice(6)} `;
        expect(checkCitizenId(typed)).toEqual({ ok: true, value: c.id, kind: 'cccd' });
      }),
    );
  });

  const vietnameseLetters = [...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ'];
  const word = fc.array(fc.constantFrom(...vietnameseLetters), { minLength: 1, maxLength: 7 }).map((cs) => cs.join(''));

  it('names with every Vietnamese diacritic, typed decomposed and padded, come out NFC, collapsed and unchanged in letters', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom(' ', '  ', '\t'), (words, upper, gap) => {
        const name = words.map((w) => (upper ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
        const typed = `  ${name.normalize('NFD').split(' ').join(gap)} `;
        expect(PersonName.parse(typed)).toBe(name.normalize('NFC'));
      }),
      { numRuns: 300 },
    );
    for (const letter of vietnameseLetters) expect(PersonName.parse(`Nguyễn ${letter.normalize('NFD')}`)).toBe(`Nguyễn ${letter}`);
  });

  it('both apostrophes are the same letter in a name: ’ becomes \'', () => {
    expect(PersonName.parse('H’Hen Niê')).toBe("H'Hen Niê");
    expect(PersonName.parse("  h'hen   niê ")).toBe("h'hen niê");
    expect(normalizePersonName('Y\u0301 Bhim')).toBe('Ý Bhim');
  });

  it('names as Đắk Lắk\'s Ê Đê, M\'nông and J\'rai citizens write them are accepted as written', () => {
    const real = [
      "H'Hen Niê", 'Y Bhim Niê', "Ksor H'Ngơn", 'Rơ Châm Thị Thu', 'Nay Y Blang', "Siu H'Mai", 'Bkrông Y Lê', 'Niê Kdăm Y Thoa',
      'Mlô Duôn Du', "Điểu K'Lưm", "H'Yăm Êban", 'Y-Ngông Niê Kdăm', "H'Bia-Ê Ban", 'Ayŭn H\'Blơ', 'Rơ Mah Kpĭ', 'Bư\u0306 Kpă',
    ];
    for (const name of real) expect(PersonName.parse(name), name).toBe(name.normalize('NFC'));
  });

  it('hyphens and apostrophes however typed, with stray spaces around them, are one joiner', () => {
    expect(PersonName.parse('Y \u2013 Ngông Niê')).toBe('Y-Ngông Niê');
    expect(PersonName.parse("H' Hen Niê")).toBe("H'Hen Niê");
    expect(PersonName.parse('Y\u2010Ngông')).toBe('Y-Ngông');
  });

  it('names with digits or symbols, or a joiner with nothing on one side, are refused with a locale key', () => {
    for (const bad of ['Nguyễn Văn 2', 'Trần@Bình', "'Hen", '', '   ', '-Ngông', 'Y-', 'Y--Ngông', "H''Hen", 'Y-\'Ngông']) {
      const r = PersonName.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/^fullName\./);
    }
  });

  it('birth dates: dd/mm/yyyy with any separator or none, never the future, never a non-date', () => {
    const today = '2026-11-28';
    for (const typed of ['12/03/1985', '12.03.1985', '12-3-1985', ' 12 / 03 / 1985 ', '12031985', '1985-03-12']) {
      expect(checkBirthDate(typed, today)).toEqual({ ok: true, value: '1985-03-12' });
    }
    expect(checkBirthDate('29/11/2026', today)).toEqual({ ok: false, problem: 'future' });
    expect(checkBirthDate('28/11/2026', today).ok).toBe(true);
    expect(checkBirthDate('31/02/1990', today)).toEqual({ ok: false, problem: 'invalid' });
    expect(checkBirthDate('1/1/90', today)).toEqual({ ok: false, problem: 'format' });
    expect(checkBirthDate('01/01/1899', today)).toEqual({ ok: false, problem: 'tooOld' });
  });

  it('email is optional (empty means none) and checked when given', () => {
    const ok = RegistrationForm.parse({ ...form({ id: '245678901', gender: 'male', birthDate: '08/02/1975' }), email: '  ' });
    expect(ok.email).toBeNull();
    expect(issuesOf({ ...form({ id: '245678901', gender: 'male', birthDate: '08/02/1975' }), email: 'tu@' })).toEqual(['email:email.format']);
  });

  it('the normalised form parses to itself (the simulator reads the wire with the same schema)', () => {
    fc.assert(
      fc.property(validCccd, (c) => {
        const once = RegistrationForm.parse(form(c));
        expect(RegistrationForm.parse(once)).toEqual(once);
      }),
    );
  });

  it('a complaint trims and requires a few words of explanation', () => {
    const r = ComplaintForm.safeParse({ citizenId: '066185000123', fullName: 'Nguyễn Thị Hồng Nhung', phone: '+84 912 345 678', description: '  ngắn ' });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['description.tooShort']);
  });
});

describe('password policy', () => {
  it('names each rule a password misses, including the ID and phone', () => {
    expect(failedPasswordRules('abc')).toEqual(['length', 'upper', 'digit', 'special']);
    expect(failedPasswordRules('Mk@066090123456', { citizenId: '066090123456', phone: '0961234567' })).toEqual(['notCitizenId']);
    expect(failedPasswordRules('Mk@961234567x', { citizenId: '066090123456', phone: '0961234567' })).toEqual(['notPhone']);
    expect(checkPasswordPolicy('Đăng@ký2026')).toMatchObject({ upper: true, lower: true, digit: true, special: true, length: true });
  });

  it('confirmation must match', () => {
    const r = NewPasswordForm.safeParse({ password: 'Moi@Matkhau1', confirmPassword: 'Moi@Matkhau2' });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path[0]}:${i.message}`)).toEqual(['confirmPassword:newPassword.mismatch']);
  });
});

describe('diacritic-insensitive search', () => {
  it('finds units without diacritics, with either apostrophe, in any case', () => {
    expect(matchesSearch('Phường Buôn Ma Thuột', 'buon ma thuot')).toBe(true);
    expect(matchesSearch("Xã Cư M'gar", 'cu m’gar')).toBe(true);
    expect(matchesSearch("Xã Cư M'gar", 'CU MGAR')).toBe(true);
    expect(matchesSearch('Xã Đắk Liêng', 'dak lieng')).toBe(true);
    expect(matchesSearch('Xã Hòa Phú', 'hoa binh')).toBe(false);
    expect(foldForSearch('Đ'.normalize('NFD'))).toBe('d');
  });
});

describe('the street part of an address', () => {
  it('is required at registration, as in the dossier\'s contact and delivery addresses', async () => {
    const { Address } = await import('../../common/domain/dossier');
    const id = { id: '066090123456', gender: 'male' as const, birthDate: '14/05/1990' };
    expect(issuesOf({ ...form(id), addressDetail: '' })).toEqual(['addressDetail:address.empty']);
    expect(issuesOf({ ...form(id), addressDetail: '   ' })).toEqual(['addressDetail:address.empty']);
    expect(Address.safeParse({ provinceCode: '66', communeCode: '24133', detail: '' }).error?.issues[0]?.message).toBe('address.empty');
    // What registration accepts, a dossier's address accepts as it is.
    const registered = RegistrationForm.parse({ ...form(id), addressDetail: 'x'.repeat(200) });
    expect(Address.safeParse({ provinceCode: registered.provinceCode, communeCode: registered.communeCode, detail: registered.addressDetail }).success).toBe(true);
  });
});
