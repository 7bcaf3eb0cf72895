import { z } from 'zod';
import { cccdProvinceCodes } from './province-codes';

/**
 * Citizen identity numbers: CMND (9 digits), CCCD (12 digits: province code, gender/century
 * digit, two digits of birth year, six random digits) and the 12-digit legacy CMND, which shares
 * the CCCD layout. Clerks type them with spaces, dots or dashes; we drop those.
 */
export type CitizenIdKind = 'cmnd' | 'cccd';

export type CitizenIdProblem = 'empty' | 'not_digits' | 'length' | 'province_code' | 'gender_century';

export type CitizenIdCheck =
  | { ok: true; value: string; kind: CitizenIdKind }
  | { ok: false; problem: CitizenIdProblem };

export function normalizeCitizenId(input: string): string {
  return input.normalize('NFKC').replace(/[\s.\-_]/g, '');
}

/** Digit 4 of a CCCD: even = male, odd = female; pairs 0/1, 2/3 … 8/9 = 20th … 24th century. */
export function decodeGenderCentury(digit: number): { gender: 'male' | 'female'; century: number } {
  return { gender: digit % 2 === 0 ? 'male' : 'female', century: 1900 + Math.floor(digit / 2) * 100 };
}

export function checkCitizenId(input: string): CitizenIdCheck {
  const value = normalizeCitizenId(input);
  if (value === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'not_digits' };
  if (value.length === 9) return { ok: true, value, kind: 'cmnd' };
  if (value.length !== 12) return { ok: false, problem: 'length' };
  if (!cccdProvinceCodes.has(value.slice(0, 3))) return { ok: false, problem: 'province_code' };
  // Cards are issued to people born 1900–2099, so only digits 0–3 occur on real cards.
  if (Number(value[3]) > 3) return { ok: false, problem: 'gender_century' };
  return { ok: true, value, kind: 'cccd' };
}

/** The birth year and gender a CCCD encodes, for cross-checking what a citizen typed. */
export function cccdBirthFacts(cccd: string): { gender: 'male' | 'female'; birthYear: number } {
  const { gender, century } = decodeGenderCentury(Number(cccd[3]));
  return { gender, birthYear: century + Number(cccd.slice(4, 6)) };
}

export function maskCitizenId(id: string): string {
  return id.length <= 4 ? id : '•'.repeat(id.length - 4) + id.slice(-4);
}

/** A login name: CMND or CCCD, normalised. Messages are locale keys under `validation.`. */
export const CitizenId = z
  .string({ required_error: 'citizenId.empty', invalid_type_error: 'citizenId.empty' })
  .max(64, 'citizenId.length')
  .transform((raw, ctx) => {
    const check = checkCitizenId(raw);
    if (!check.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `citizenId.${check.problem}` });
      return z.NEVER;
    }
    return check.value;
  });
