import { z } from 'zod';
import { isMobileNetworkCode } from './mobile-plan';

/**
 * Vietnamese mobile numbers: 10 digits, 0 + a network code the numbering plan has allocated
 * (mobile-plan.ts, one table with its source and date) + 7 digits. Accepted as people write them
 * — with spaces, dots or dashes, with +84, 0084 or 84 in front, or without the leading 0 — and
 * returned in the national form `0xxxxxxxxx`. What is wrong is said precisely: letters in it, the
 * wrong number of digits, a landline, or a network code no network holds.
 */
export type PhoneProblem = 'empty' | 'format' | 'length' | 'not_mobile' | 'unassigned';
export type PhoneCheck = { ok: true; value: string } | { ok: false; problem: PhoneProblem };

/** The digits of the number in its national form (leading 0), or null when it is not digits. */
function nationalDigits(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  // "+84…", "0084…" and "84…" (how many write the country code; no national number starts with 84
  // and has 11 digits). Some write "+84 0912…" with the national 0 kept.
  const international = /^(?:\+|00)84(\d+)$/.exec(compact)?.[1] ?? (/^84\d{9}$/.test(compact) ? compact.slice(2) : null);
  if (international !== null) return international.startsWith('0') ? international : `0${international}`;
  if (compact.startsWith('+')) return null;
  // Nine digits that start like a network code: the leading 0 was left out.
  return /^[35789]\d{8}$/.test(compact) ? `0${compact}` : compact;
}

export function checkMobileNumber(input: string): PhoneCheck {
  if (input.normalize('NFKC').trim() === '') return { ok: false, problem: 'empty' };
  const national = nationalDigits(input);
  if (national === null) return { ok: false, problem: 'format' };
  // Landlines are 0 + 2 + area code; 01, 04 and 06 are no mobile range either.
  if (/^0[0-246]/.test(national)) return { ok: false, problem: 'not_mobile' };
  if (!/^0\d{9}$/.test(national)) return { ok: false, problem: /^\d+$/.test(national) ? 'length' : 'format' };
  if (!isMobileNetworkCode(national.slice(0, 3))) return { ok: false, problem: 'unassigned' };
  return { ok: true, value: national };
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? phone : `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}

export const MobileNumber = z
  .string({ required_error: 'phone.empty', invalid_type_error: 'phone.empty' })
  .max(32, 'phone.format')
  .transform((raw, ctx) => {
    const check = checkMobileNumber(raw);
    if (!check.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `phone.${check.problem}` });
      return z.NEVER;
    }
    return check.value;
  });
