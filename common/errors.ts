import { z } from 'zod';

/**
 * Every failure the kiosk backend reports to the UI. The renderer translates `code` through its
 * locale files (`errors.<code>`); a citizen never sees an exception's text.
 */
export const kioskErrorCodes = [
  'invalid_input',
  'account_not_found',
  'wrong_password',
  'account_locked',
  'otp_invalid',
  'otp_expired',
  'otp_locked',
  'challenge_not_found',
  'resend_cooldown',
  'rate_limited',
  'network_unavailable',
  'api_unavailable',
  'api_error',
  'session_expired',
  'not_in_demo_mode',
  // The API does not accept this kiosk now (not enrolled, revoked, clock refused): staff must act.
  'kiosk_out_of_service',
  // IT enrolling the kiosk with a one-time code that the API does not take.
  'enrolment_code_invalid',
  // IT's log export: the folder is missing, read-only or full (a USB stick pulled out).
  'export_folder_unavailable',
  // Registration and password recovery.
  'account_exists',
  'phone_not_owned',
  'phone_mismatch',
  'weak_password',
  'catalog_unavailable',
  // Outbox and the clerk's view of it.
  'attachment_unreadable',
  'attachment_mismatch',
  'attachment_too_large',
  'storage_unavailable',
  'clerk_not_configured',
  'clerk_pin_wrong',
  'clerk_locked',
  'clerk_required',
  'it_required',
  'staff_pin_shared',
  'not_found',
  // Dossier wizard.
  'procedure_not_found',
  'agency_not_allowed',
  'delivery_not_allowed',
  'document_missing',
  'attachment_type',
  'attachment_too_many',
  'folder_unavailable',
  'file_not_allowed',
  'captcha_invalid',
  'captcha_unavailable',
  // Receipts and status lookup.
  'dossier_not_found',
  'internal',
] as const;

export const KioskErrorCode = z.enum(kioskErrorCodes);
export type KioskErrorCode = z.infer<typeof KioskErrorCode>;

export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** A message key under `validation.` in the locale files. */
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const KioskError = z.object({
  code: KioskErrorCode,
  /** Numbers the UI shows beside the message: tries left, seconds to wait. */
  attemptsLeft: z.number().int().nonnegative().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  issues: z.array(FieldIssue).optional(),
});
export type KioskError = z.infer<typeof KioskError>;

export function kioskError(code: KioskErrorCode, extra: Omit<KioskError, 'code'> = {}): KioskError {
  return { code, ...extra };
}

/** Our own schemas carry locale keys as messages ("citizenId.length"); zod's defaults do not. */
const messageKey = /^[a-zA-Z]+\.[a-zA-Z_]+$/;

/**
 * A zod failure as the UI can show it beside the fields: at most 20 issues, short paths, and a
 * locale key for every message (zod's own English text becomes `generic.invalid`).
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.slice(0, 8),
    message: messageKey.test(i.message) ? i.message : 'generic.invalid',
  }));
}
