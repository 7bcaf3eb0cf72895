import { DossierStatusResponse } from '../../../common/provincial/dossier-status';
import type { Result } from '../../../common/result';
import type { ClientError, RequestCore } from './types';

/**
 * The public status lookup (GET /v1/dossiers/{code}/status). The code is a public reference
 * printed on the receipt, not personal data, so the path that gets logged may carry it.
 */
export interface LookupEndpoints {
  dossierStatus(code: string): Promise<Result<DossierStatusResponse, ClientError>>;
}

export function lookupEndpoints(core: RequestCore): LookupEndpoints {
  return {
    dossierStatus: (code) =>
      core.send({ method: 'GET', path: `/v1/dossiers/${encodeURIComponent(code)}/status` }, DossierStatusResponse),
  };
}
