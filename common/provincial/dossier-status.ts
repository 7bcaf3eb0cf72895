import { z } from 'zod';

/**
 * Wire schema of the public status lookup, GET /v1/dossiers/{code}/status (openapi.yaml).
 * The five stages a citizen can be told about, in the portal's order.
 */
export const DossierStatus = z.enum(['received', 'processing', 'needs_more_documents', 'result_ready', 'returned']);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const DossierStatusResponse = z.object({
  dossierCode: z.string().min(1).max(64),
  status: DossierStatus,
  procedureCode: z.string().min(1).max(64),
  receivedAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type DossierStatusResponse = z.infer<typeof DossierStatusResponse>;
