import { z } from 'zod';
import { defineMethods } from './guard';
import { Empty } from './kiosk';
import { DeviceStateName } from './outbox';
import { PrintProblem } from './receipts';

/**
 * IT's view of one kiosk (the diagnostics screen, behind an IT account; `kiosk-admin doctor`
 * prints the same checks). Facts about the machine only: no field can hold a citizen's data, and
 * the configuration summary leaves out every secret (PIN hashes, keys, passwords in URLs).
 */

/** `fail`: IT must act; `warn`: works, but worth a look; `unknown`: could not be checked now. */
export const CheckStatus = z.enum(['ok', 'warn', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const ApiProblem = z.enum(['unreachable', 'timeout', 'error_status', 'bad_answer']);
export type ApiProblem = z.infer<typeof ApiProblem>;

const Count = z.number().int().nonnegative();

export const DiagnosticsReport = z
  .object({
    checkedAt: z.string().datetime(),
    build: z
      .object({
        version: z.string(),
        electron: z.string().nullable(),
        node: z.string(),
        /** `electron`, `web`, `kiosk-admin`. */
        shell: z.string(),
        platform: z.string(),
      })
      .strict(),
    kiosk: z
      .object({
        kioskId: z.string(),
        mode: z.enum(['production', 'demo']),
        enrolment: z
          .object({
            status: CheckStatus,
            state: DeviceStateName,
            enrolledAt: z.string().datetime().nullable(),
            /** The first 16 hex digits of the public key's SHA-256, as the province's records show it. */
            fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
            protection: z.enum(['os', 'file', 'demo']),
          })
          .strict(),
      })
      .strict(),
    /** The configuration as the kiosk runs with it, one line per setting that matters to IT. */
    config: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
    api: z
      .object({
        status: CheckStatus,
        baseUrl: z.string(),
        latencyMs: z.number().int().nonnegative().nullable(),
        problem: ApiProblem.nullable(),
        /** The HTTP status when the API answered with an error. */
        httpStatus: z.number().int().nullable(),
      })
      .strict(),
    clock: z
      .object({
        status: CheckStatus,
        /** The API's clock minus this machine's; null until the API has answered. */
        offsetSeconds: z.number().nullable(),
        limitSeconds: z.number().int().positive(),
      })
      .strict(),
    disk: z
      .object({
        status: CheckStatus,
        freeBytes: Count.nullable(),
        floorBytes: Count,
      })
      .strict(),
    printer: z
      .object({
        status: CheckStatus,
        /** `none`: no receipt printer configured (the system printer, or the demo's emulator). */
        type: z.enum(['none', 'network', 'usb', 'serial', 'emulator']),
        target: z.string().nullable(),
        problems: z.array(z.enum(['offline', 'cover_open', 'paper_out', 'error'])),
        paperLow: z.boolean(),
      })
      .strict(),
    outbox: z
      .object({
        status: CheckStatus,
        waiting: Count,
        sending: Count,
        needsAttention: Count,
        oldestWaitingAgeSeconds: z.number().nonnegative().nullable(),
        lastDeliveryAt: z.string().datetime().nullable(),
      })
      .strict()
      /** Null when the outbox could not be read (kiosk-admin while the kiosk holds the data folder). */
      .nullable(),
  })
  .strict();
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

/** A folder IT typed or picked: absolute, on this machine. */
const Folder = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'it.folderAbsolute');

export const itContract = defineMethods({
  /** Every check, run now (the API asked, the printer asked); takes a few seconds at most. */
  'it.diagnostics': { guard: 'it', input: Empty, output: DiagnosticsReport },
  /** A test page on the receipt printer: Vietnamese text in its code page, a QR code, the kiosk's name. */
  'it.testPrint': {
    guard: 'it',
    input: Empty,
    output: z.object({ printed: z.boolean(), problem: PrintProblem.nullable(), paperLow: z.boolean() }).strict(),
  },
  /** A zip of the logs and this report, written to `folder` (a USB stick): no personal data in it. */
  'it.exportLogs': {
    guard: 'it',
    input: z.object({ folder: Folder.nullable() }).strict(),
    output: z.object({ file: z.string(), bytes: Count, entries: Count }).strict(),
  },
  /** Enrols this kiosk with the one-time code IT got from the province (as `kiosk-admin enrol`). */
  'it.enrol': {
    guard: 'it',
    input: z.object({ code: z.string().trim().toUpperCase().regex(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/, 'it.codeFormat') }).strict(),
    output: z.object({ state: DeviceStateName, fingerprint: z.string() }).strict(),
  },
});
