import { z } from 'zod';
import { Password } from './auth';

/**
 * The portal's password rules, shown to the citizen as a live checklist and enforced again by
 * main and by the API. Pure: the screen, main and the simulator all call the same function.
 */
export const passwordRules = ['length', 'upper', 'lower', 'digit', 'special', 'notCitizenId', 'notPhone'] as const;
export type PasswordRule = (typeof passwordRules)[number];

export const PASSWORD_MIN_LENGTH = 8;

export interface PasswordContext {
  citizenId?: string;
  phone?: string;
}

export function checkPasswordPolicy(password: string, context: PasswordContext = {}): Record<PasswordRule, boolean> {
  const digits = password.replace(/\D/g, '');
  // A phone hides in a password as 0912345678 or as 912345678; both are guessable.
  const phoneCore = context.phone?.replace(/^0/, '');
  return {
    length: [...password].length >= PASSWORD_MIN_LENGTH,
    upper: /\p{Lu}/u.test(password),
    lower: /\p{Ll}/u.test(password),
    digit: /\p{Nd}/u.test(password),
    special: /[^\p{L}\p{N}]/u.test(password),
    notCitizenId: !context.citizenId || !digits.includes(context.citizenId),
    notPhone: !phoneCore || !digits.includes(phoneCore),
  };
}

export function failedPasswordRules(password: string, context: PasswordContext = {}): PasswordRule[] {
  const result = checkPasswordPolicy(password, context);
  return passwordRules.filter((rule) => !result[rule]);
}

/**
 * New password + confirmation. With a context (the screen and main know whose account it is)
 * the "does not contain the ID or phone" rules apply too.
 */
export function newPasswordSchema(context: PasswordContext = {}) {
  return z
    .object({
      password: Password,
      confirmPassword: z.string({ required_error: 'newPassword.confirmEmpty' }).max(128, 'password.tooLong'),
    })
    .superRefine((v, ctx) => {
      if (failedPasswordRules(v.password, context).length > 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['password'], message: 'newPassword.weak' });
      }
      if (v.confirmPassword === '') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['confirmPassword'], message: 'newPassword.confirmEmpty' });
      } else if (v.confirmPassword !== v.password) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['confirmPassword'], message: 'newPassword.mismatch' });
      }
    });
}

export const NewPasswordForm = newPasswordSchema();
export type NewPasswordForm = z.input<typeof NewPasswordForm>;
