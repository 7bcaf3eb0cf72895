import { kioskError, type KioskError } from '../../../common/errors';
import { assertNever } from '../../../common/result';
import type { ClientError } from './types';

/** How a failure of the provincial API reads to the kiosk's UI. */
export function toKioskError(e: ClientError): KioskError {
  switch (e.kind) {
    case 'network':
    case 'timeout':
      return kioskError('network_unavailable');
    case 'bad_response':
      return kioskError('api_error');
    // The kiosk cannot act for anyone until IT enrols it (again): a citizen is told to ask staff.
    case 'not_enrolled':
      return kioskError('kiosk_out_of_service');
    case 'api': {
      const extra = { attemptsLeft: e.attemptsLeft, retryAfterSeconds: e.retryAfterSeconds };
      switch (e.code) {
        case 'account_not_found':
        case 'wrong_password':
        case 'account_locked':
        case 'otp_invalid':
        case 'otp_expired':
        case 'otp_locked':
        case 'challenge_not_found':
        case 'resend_cooldown':
        case 'rate_limited':
        case 'account_exists':
        case 'phone_not_owned':
        case 'phone_mismatch':
        case 'weak_password':
          return kioskError(e.code, stripUndefined(extra));
        case 'dossier_not_found':
          return kioskError('dossier_not_found');
        case 'unauthorized':
          return kioskError('session_expired');
        case 'internal':
          return kioskError('api_unavailable');
        case 'device_unauthorized':
        case 'device_revoked':
        case 'clock_skew':
          return kioskError('kiosk_out_of_service');
        case 'idempotency_conflict':
        case 'reference_conflict':
        case 'attachment_missing':
        case 'attachment_mismatch':
        case 'enrolment_code_invalid':
        case 'invalid_request':
          // The kiosk validated first, so the API disagreeing with us is a bug worth a clear code.
          return kioskError('api_error');
        default:
          return assertNever(e.code);
      }
    }
    default:
      return assertNever(e);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
