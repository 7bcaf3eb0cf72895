import { z } from 'zod';

/**
 * A kiosk's health, as it reports it: to the provincial API in its heartbeat (POST
 * /v1/kiosks/heartbeat, openapi.yaml) and, as the same numbers, to Prometheus
 * (main/services/health/metrics.ts). Counts and states only: no field can hold a citizen's
 * name, ID number, phone, reference or anything they typed. `.strict()` everywhere, so a field
 * added by mistake is refused by the API rather than carried along.
 */
const Count = z.number().int().nonnegative();
const Seconds = z.number().finite();
const Version = z.string().regex(/^[0-9A-Za-z.+_-]{1,64}$/);

export const UpdateChannel = z.enum(['stable', 'pilot']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/**
 * What counter staff did on the kiosk over the last `windowSeconds` (24 h), from the append-only
 * staff audit log (main/services/staff/activity.ts): counts only, no staff id or name, nothing
 * acted on. A run of failed PINs or lockouts is what the province should notice.
 */
export const StaffActivity = z
  .object({
    windowSeconds: Count,
    /** Unlocks with a good PIN. */
    unlocks: Count,
    /** Unlock attempts refused: a wrong PIN, a PIN two accounts share, or one tried during a lockout. */
    failedPins: Count,
    /** Times too many wrong PINs locked the staff panel. */
    lockouts: Count,
    /** Receipts reprinted ("BẢN SAO"). */
    reprints: Count,
    /** A dossier or a receipt sent or printed again, or "Gửi ngay". */
    retries: Count,
    /** Staff views of the outbox, a dossier's history and the receipts. */
    lookups: Count,
    /** The latest lockout ever recorded on this kiosk, inside the window or not; null if none. */
    lastLockoutAt: z.string().datetime().nullable(),
  })
  .strict();
export type StaffActivity = z.infer<typeof StaffActivity>;

export const KioskHealth = z
  .object({
    kioskId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/),
    build: z
      .object({
        version: Version,
        /** Null when updates are not configured on this kiosk. */
        channel: UpdateChannel.nullable(),
        electron: Version.nullable(),
        node: Version,
      })
      .strict(),
    startedAt: z.string().datetime(),
    outbox: z
      .object({
        waiting: Count,
        sending: Count,
        needsAttention: Count,
        /** Age of the oldest submission still waiting or sending; null when none waits. */
        oldestWaitingAgeSeconds: Seconds.nonnegative().nullable(),
        lastDeliveryAt: z.string().datetime().nullable(),
      })
      .strict(),
    api: z
      .object({
        reachable: z.boolean(),
        latencySeconds: Seconds.nonnegative().nullable(),
        /** The API's clock minus the kiosk's; null until the API has answered once. */
        clockOffsetSeconds: Seconds.nullable(),
      })
      .strict(),
    disk: z
      .object({
        freeBytes: Count.nullable(),
        floorBytes: Count.nullable(),
      })
      .strict(),
    /** Null without a thermal printer (receipts on the system printer, or none). */
    printer: z
      .object({
        online: z.boolean(),
        paperLow: z.boolean(),
        paperOut: z.boolean(),
        coverOpen: z.boolean(),
        checkedAt: z.string().datetime().nullable(),
      })
      .strict()
      .nullable(),
    counts: z
      .object({
        /** Citizen visits since the kiosk started. */
        visits: Count,
        /** Submissions made at this kiosk since it was installed. */
        dossiers: Count,
        complaints: Count,
      })
      .strict(),
    update: z
      .object({
        /** How long a newer release has waited on the channel without being installed; 0 when current. */
        behindSeconds: Seconds.nonnegative(),
        available: Version.nullable(),
      })
      .strict()
      .nullable(),
    staff: StaffActivity,
  })
  .strict();
export type KioskHealth = z.infer<typeof KioskHealth>;

export const HeartbeatRequest = z.object({ sentAt: z.string().datetime(), health: KioskHealth }).strict();
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

export const HeartbeatResponse = z.object({ receivedAt: z.string().datetime() }).strict();
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
