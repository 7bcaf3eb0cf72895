import { z } from 'zod';
import { defineMethods } from './guard';
import { Empty } from './kiosk';

/**
 * The outbox as the UI sees it: a status for the strip on every screen, and the clerk's view
 * behind a staff PIN (refused with `clerk_required` unless unlocked: contract/staff.ts). The wizard does not
 * enqueue through here: main stores a finished dossier itself (services/outbox).
 */
export const OutboxStateName = z.enum(['queued', 'sending', 'accepted', 'needs_attention']);
export type OutboxStateName = z.infer<typeof OutboxStateName>;

/**
 * The data folder's disk, for the status strip, the clerk and IT: `low` is below the configured
 * free-space floor (new dossiers refused before the disk is full), `full` and `failing` are a
 * write the disk refused. Dossiers already stored are still sent; lookups and reprints still work.
 */
export const StorageStatus = z.object({
  state: z.enum(['ok', 'low', 'full', 'failing']),
  acceptingDossiers: z.boolean(),
  freeBytes: z.number().int().nonnegative().nullable(),
  floorBytes: z.number().int().nonnegative(),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

/**
 * Whether the provincial API accepts this kiosk (main/services/device): `not_enrolled`, `revoked`
 * and `refused` hold every submission and close the citizen screens until IT acts.
 */
export const DeviceStateName = z.enum(['demo', 'not_enrolled', 'enrolled', 'revoked', 'refused']);
export type DeviceStateName = z.infer<typeof DeviceStateName>;

export const OutboxStatus = z.object({
  online: z.boolean(),
  waiting: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  lastContactAt: z.string().datetime().nullable(),
  storage: StorageStatus,
  device: DeviceStateName,
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/**
 * Why a submission is not accepted yet, as a code the clerk's screen words in the clerk's language
 * (what happened, what to do), with the API's own status, code and message when it gave them.
 * `other` is a reason stored as plain text by an earlier build.
 */
export const DeliveryProblemCode = z.enum([
  'network',
  'timeout',
  'unexpected_response',
  'api_unavailable',
  'rate_limited',
  'device_unauthorized',
  'device_revoked',
  'device_not_enrolled',
  'clock_skew',
  'upload_lost',
  'refused',
  'attachment_file_missing',
  // The stored copy of a document no longer matches its recorded size or SHA-256 (disk damage).
  'attachment_damaged',
  // Never accepted within the retention limit: its personal data was erased and it is not sent.
  'erased_unaccepted',
  'internal',
  'other',
]);
export type DeliveryProblemCode = z.infer<typeof DeliveryProblemCode>;

export const DeliveryProblem = z.object({
  code: DeliveryProblemCode,
  status: z.number().int().min(100).max(599).optional(),
  apiCode: z.string().max(64).optional(),
  message: z.string().max(500).optional(),
});
export type DeliveryProblem = z.infer<typeof DeliveryProblem>;

export const OutboxEntry = z.object({
  localRef: z.string(),
  kind: z.enum(['dossier', 'complaint']),
  state: OutboxStateName,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().datetime().nullable(),
  lastError: DeliveryProblem.nullable(),
  /** The API's dossier code (mã hồ sơ) once accepted. */
  remoteCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  attachments: z.number().int().nonnegative(),
  /** The last four digits of the applicant's ID, as on the receipt. */
  maskedCitizenId: z.string().nullable(),
  /** Retention (README "Retention"): when its personal data goes or went, and whether to act now. */
  retention: z.object({
    erasedAt: z.string().datetime().nullable(),
    erasesAt: z.string().datetime().nullable(),
    /** Not accepted for longer than the clerk's warning period. */
    flagged: z.boolean(),
  }),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const OutboxEvent = z.object({
  at: z.string().datetime(),
  event: z.string(),
  detail: z.string().nullable(),
  /** For "retry_scheduled" and "rejected": why. */
  problem: DeliveryProblem.nullable(),
  /** For "retry_scheduled": in how many seconds. */
  inSeconds: z.number().int().nonnegative().nullable(),
});
export type OutboxEvent = z.infer<typeof OutboxEvent>;

const LocalRefInput = z.object({ localRef: z.string().min(6).max(96).regex(/^[A-Z0-9._-]+$/) }).strict();

export const outboxContract = defineMethods({
  'outbox.status': { guard: 'public', input: Empty, output: OutboxStatus },
  'clerk.outbox.list': {
    guard: 'clerk',
    input: z
      .object({
        state: OutboxStateName.nullable().default(null),
        limit: z.number().int().min(1).max(100).default(30),
        beforeId: z.number().int().positive().nullable().default(null),
      })
      .strict(),
    output: z.object({ entries: z.array(OutboxEntry), nextBeforeId: z.number().int().positive().nullable() }),
  },
  'clerk.outbox.retry': { guard: 'clerk', input: LocalRefInput, output: z.object({ entry: OutboxEntry }) },
  'clerk.outbox.history': { guard: 'clerk', input: LocalRefInput, output: z.object({ events: z.array(OutboxEvent) }) },
  'clerk.syncNow': { guard: 'clerk', input: Empty, output: OutboxStatus },
});
