import { ok, type Result } from '../../../common/result';
import type { CatalogFetch, ClientError, RequestCore, Schema } from './types';

/**
 * A catalogue is the one answer larger than 1 MB: up to MAX_PROCEDURES (common/domain/procedures.ts)
 * procedures at about 2 KB of JSON each (the real sample's average is 1.9 KB, its largest 3.5 KB),
 * and the agencies listing them. 64 MiB holds 20,000 procedures averaging 3.3 KB; above it the
 * answer is refused unread, whatever it holds.
 */
export const MAX_CATALOG_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * A catalog fetched by ETag: `notModified` when the copy the kiosk holds is still current (304),
 * else the new catalog, checked against its schema, and its ETag.
 */
export async function conditionalGet<T>(
  core: RequestCore,
  path: string,
  schema: Schema<T>,
  etag: string | undefined,
): Promise<Result<CatalogFetch<T>, ClientError>> {
  const call = { method: 'GET' as const, path, ifNoneMatch: etag, maxResponseBytes: MAX_CATALOG_RESPONSE_BYTES };
  const started = performance.now();
  const raw = await core.exchange(call);
  if (!raw.ok) return raw;
  if (raw.value.status === 304 && etag !== undefined) {
    core.logAnswer(call, 304, 'not_modified');
    return ok({ notModified: true });
  }
  const result = core.interpret(call, raw.value, schema, started);
  return result.ok ? ok({ notModified: false, etag: raw.value.etag, catalog: result.value }) : result;
}
