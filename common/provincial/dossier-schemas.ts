import { z } from 'zod';
import { DossierSubmission, Sha256Hex } from '../domain/dossier';

/**
 * Wire schemas of the provincial API's dossier intake and attachment upload
 * (simulator/openapi.yaml describes the same shapes). Both are called by the kiosk as a device,
 * on a citizen's behalf, long after the citizen left: see device-auth.ts.
 */

/** The kiosk's reference printed for the citizen before the API ever heard of the dossier. */
export const LocalRef = z.string().regex(/^[A-Z0-9][A-Z0-9._-]{5,95}$/);

/** Idempotency-Key header: the outbox's UUIDv7 (any UUID-like token is accepted). */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const DossierIntakeRequest = z.object({ localRef: LocalRef, submission: DossierSubmission }).strict();
export type DossierIntakeRequest = z.input<typeof DossierIntakeRequest>;

export const DossierIntakeResponse = z.object({
  dossierCode: z.string().min(1).max(64),
  receivedAt: z.string().datetime(),
  /** true when this Idempotency-Key was seen before: the first answer, replayed. */
  replayed: z.boolean(),
});
export type DossierIntakeResponse = z.infer<typeof DossierIntakeResponse>;

export const UploadReceipt = z.object({ sha256: Sha256Hex, size: z.number().int().positive() });
export type UploadReceipt = z.infer<typeof UploadReceipt>;

/** Simulator-only: what it accepted, for tests to count (GET /__sim/ledger). */
export const SimLedgerDossier = z.object({
  dossierCode: z.string(),
  idempotencyKey: z.string(),
  localRef: z.string(),
  deviceId: z.string(),
  onBehalfOf: z.string(),
  procedureCode: z.string(),
  attachments: z.array(z.object({ sha256: z.string(), size: z.number().int() })),
  receivedAt: z.string().datetime(),
});
export type SimLedgerDossier = z.infer<typeof SimLedgerDossier>;

export const SimLedger = z.object({
  dossiers: z.array(SimLedgerDossier),
  uploads: z.number().int().nonnegative(),
  /** Intake calls answered from an earlier commit (the kiosk re-sent a key it had already used). */
  replays: z.number().int().nonnegative(),
});
export type SimLedger = z.infer<typeof SimLedger>;
