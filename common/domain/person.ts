import { z } from 'zod';

/**
 * Facts about a person as a citizen (or a clerk) types them: names, birth dates, e-mail. Every
 * schema here normalises first (what a clerk pastes is rarely tidy) and then checks; messages are
 * locale keys under `validation.`.
 */

/**
 * Names as Đắk Lắk's peoples write them. Kinh names ("Nguyễn Thị Hồng Nhung"); Ê Đê, M'nông and
 * J'rai names with the apostrophe of a prefix ("H'Hen Niê", "Điểu K'Lưm", "Ksor H'Ngơn"), with
 * the "Y" and "H" that mark men and women as words of their own ("Y Bhim Niê"), clan names that
 * are written as one word or two ("Rơ Châm", "Niê Kdăm", "Bkrông", "Êban", "Mlô Duôn Du"),
 * given names joined by a hyphen ("Y-Ngông", "H'Bia-Ê"), and the letters of the Ê Đê and J'rai
 * alphabets beyond Vietnamese ones, a breve over e, i, o, u, ư ("Ayŭn", "Kpĭ", "Bư̆"), some with
 * no precomposed form (so marks are letters here too).
 */
/** Apostrophes and hyphens, however the keyboard or a paste produced them. */
const apostrophes = /[\u2019\u2018\u02BC\u0060\u00B4\u2032]/g;
const hyphens = /[\u2010\u2011\u2012\u2013\u2212]/g;

export function normalizePersonName(input: string): string {
  return input
    .normalize('NFC')
    .replace(apostrophes, "'")
    .replace(hyphens, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    // "H' Hen", "Y - Ngông": the joiner binds the two parts, spaces around it are slips.
    .replace(/ ?([-']) ?/g, '$1');
}

// Letters (with their marks); between words a single space, an apostrophe or a hyphen.
const nameShape = /^[\p{L}\p{M}]+(?:[ '-][\p{L}\p{M}]+)*$/u;

export const PersonName = z
  .string({ required_error: 'fullName.empty', invalid_type_error: 'fullName.empty' })
  .max(400, 'fullName.tooLong')
  .transform((raw, ctx) => {
    const name = normalizePersonName(raw);
    const problem = name === '' ? 'empty' : name.length > 100 ? 'tooLong' : !nameShape.test(name) ? 'characters' : null;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `fullName.${problem}` });
      return z.NEVER;
    }
    return name;
  });

/** Today's date in Vietnam (UTC+7, no daylight saving), so "not in the future" does not depend on the machine's zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export type BirthDateCheck = { ok: true; value: string } | { ok: false; problem: 'empty' | 'format' | 'invalid' | 'future' | 'tooOld' };

/**
 * dd/mm/yyyy as printed on the card; clerks also type dots, dashes, spaces or eight bare digits.
 * ISO yyyy-mm-dd is accepted too so the normalised value parses to itself (the API sends ISO).
 */
export function checkBirthDate(input: string, today: string = todayInVietnam()): BirthDateCheck {
  const s = input.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return { ok: false, problem: 'empty' };
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [day, month, year] = dmy ? [dmy[1], dmy[2], dmy[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (!day || !month || !year) return { ok: false, problem: 'format' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, problem: 'invalid' };
  const value = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (value > today) return { ok: false, problem: 'future' };
  if (y < 1900) return { ok: false, problem: 'tooOld' };
  return { ok: true, value };
}

/** ISO yyyy-mm-dd → dd/mm/yyyy, the way the card and the citizen write it. */
export function formatBirthDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const BirthDate = z
  .string({ required_error: 'birthDate.empty', invalid_type_error: 'birthDate.empty' })
  .max(40, 'birthDate.format')
  .transform((raw, ctx) => {
    const check = checkBirthDate(raw);
    if (!check.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `birthDate.${check.problem}` });
      return z.NEVER;
    }
    return check.value;
  });

/** Optional: an empty box means "no e-mail" (null), anything else must be a real address. */
export const OptionalEmail = z
  .string({ invalid_type_error: 'email.format' })
  .max(254, 'email.format')
  .nullish()
  .transform((raw) => {
    const s = (raw ?? '').normalize('NFKC').trim();
    return s === '' ? null : s;
  })
  .pipe(z.string().email('email.format').nullable());

/** Free text (street detail, a complaint): NFC, spaces collapsed, trimmed. */
export function normalizeFreeText(input: string): string {
  return input.normalize('NFC').replace(/[^\S\n]+/gu, ' ').replace(/ *\n */g, '\n').trim();
}
