import type { ZodError } from 'zod';
import { ApiErrorBody } from '../../../common/provincial/schemas';
import { err, ok, type Result } from '../../../common/result';
import type { ClientError, RawResponse, Schema } from './types';

/**
 * Gateway statuses are what a reverse proxy in front of the provincial API answers when the API
 * behind it is down; they rarely carry our error body but mean the same as an API 5xx: try later.
 */
const gatewayStatuses = new Set([502, 503, 504]);

function decodeJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * The first rule an answer broke, for the log: where (the path) and which rule, with the limit
 * of a size rule — never the value found there, which may be personal data.
 */
export function describeIssue(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  const limit = issue.code === 'too_big' || issue.code === 'too_small' ? ` (${issue.code === 'too_big' ? 'max' : 'min'} ${String(issue.code === 'too_big' ? issue.maximum : issue.minimum)})` : '';
  return `${where}: ${issue.code}${limit}`;
}

/**
 * Turns a response into a value the kiosk can trust, or a ClientError. Nothing here throws: a
 * body that fails its schema is `bad_response`, whatever the status said.
 */
export function interpretResponse<T>(raw: RawResponse, schema: Schema<T>, onSchemaIssue?: (issue: string) => void): Result<T, ClientError> {
  const { status } = raw;
  const json = decodeJson(raw.body);

  if (status >= 200 && status < 300) {
    if (!json.ok) return err({ kind: 'bad_response', status });
    const parsed = schema.safeParse(json.value);
    if (parsed.success) return ok(parsed.data);
    onSchemaIssue?.(describeIssue(parsed.error));
    return err({ kind: 'bad_response', status });
  }

  const headerRetry = parseRetryAfter(raw.retryAfterHeader);
  const body = json.ok ? ApiErrorBody.safeParse(json.value) : undefined;
  if (body?.success && status >= 400) {
    const { code, attemptsLeft, retryAfterSeconds, message } = body.data.error;
    const retry = retryAfterSeconds ?? headerRetry;
    return err({
      kind: 'api',
      status,
      code,
      ...(attemptsLeft !== undefined && { attemptsLeft }),
      ...(retry !== undefined && { retryAfterSeconds: retry }),
      message,
    });
  }
  if (gatewayStatuses.has(status)) {
    return err({ kind: 'api', status, code: 'internal', ...(headerRetry !== undefined && { retryAfterSeconds: headerRetry }) });
  }
  // Redirects (a captive portal), bare 4xx/5xx from something that is not our API.
  return err({ kind: 'bad_response', status });
}
