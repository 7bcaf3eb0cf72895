import { ok, type Result } from '../../../common/result';
import type { CatalogFetch, ClientError, RequestCore, Schema } from './types';

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
  const call = { method: 'GET' as const, path, ifNoneMatch: etag };
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
