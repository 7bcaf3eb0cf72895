import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * Vietnamese mobile numbers. Which prefixes are assigned changes with the numbering plan, so the
 * decision comes from libphonenumber's kept metadata ("mobile" build: valid only if a mobile
 * range), not from a hand-written list. Output is the national form `0xxxxxxxxx`.
 */
export type PhoneCheck = { ok: true; value: string } | { ok: false; problem: 'empty' | 'format' | 'not_mobile' };

export function checkMobileNumber(input: string): PhoneCheck {
  const compact = input.normalize('NFKC').replace(/[\s.\-()]/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: 'format' };
  // "84…" without a plus is how many people write the country code; a national number never starts with 84.
  const international = compact.startsWith('+') ? compact : compact.startsWith('84') && compact.length === 11 ? `+${compact}` : compact;
  const parsed = parsePhoneNumberFromString(international, 'VN');
  if (!parsed || parsed.country !== 'VN') return { ok: false, problem: 'format' };
  if (!parsed.isValid()) return { ok: false, problem: 'not_mobile' };
  return { ok: true, value: `0${parsed.nationalNumber}` };
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
