import type { ApiErrorBody, ApiErrorCode } from '../common/provincial/schemas';

/** An expected refusal: the HTTP status plus the ApiErrorBody the contract promises for it. */
export interface ApiFailure {
  readonly status: number;
  readonly body: ApiErrorBody;
}

export function failure(
  status: number,
  code: ApiErrorCode,
  message: string,
  extra: { attemptsLeft?: number; retryAfterSeconds?: number } = {},
): ApiFailure {
  return { status, body: { error: { code, message, ...extra } } };
}
