import { z } from 'zod';
import { defineMethods } from './guard';
import { DossierStatus } from '../provincial/dossier-status';
import { ReceiptData } from '../receipt/receipt';
import { Empty } from './kiosk';

/**
 * Receipts (printing, reprinting) and the citizen's status lookup ("Tra cứu hồ sơ").
 * A failed print is not an error of the call: the job comes back with its state and the reason,
 * and the receipt stays on screen.
 */
export const LocalRefInput = z.object({ localRef: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{5,95}$/) }).strict();
export const JobIdInput = z.object({ jobId: z.number().int().positive() }).strict();

export const PrintProblem = z.enum(['offline', 'cover_open', 'paper_out', 'error', 'not_configured', 'interrupted']);
export type PrintProblem = z.infer<typeof PrintProblem>;

export const PrintJobState = z.enum(['pending', 'printing', 'printed', 'failed']);
export type PrintJobState = z.infer<typeof PrintJobState>;

export const PrintJobView = z.object({
  jobId: z.number().int().positive(),
  localRef: z.string(),
  dossierCode: z.string().nullable(),
  state: PrintJobState,
  attempts: z.number().int().nonnegative(),
  lastError: PrintProblem.nullable(),
  requestedBy: z.enum(['citizen', 'clerk']),
  reprintOf: z.number().int().positive().nullable(),
  createdAt: z.string().datetime(),
  printedAt: z.string().datetime().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

export const ReceiptLine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), bold: z.boolean(), center: z.boolean() }),
  z.object({ kind: z.literal('qr'), payload: z.string() }),
]);

export const ReceiptPreview = z.object({
  receipt: ReceiptData,
  layout: z.object({ columns: z.number().int().positive(), lines: z.array(ReceiptLine) }),
  /** thermal: an ESC/POS printer is configured (or the demo's emulator); system: the OS printer. */
  printer: z.enum(['thermal', 'system']),
});
export type ReceiptPreview = z.infer<typeof ReceiptPreview>;

export const LookupInput = z
  .object({
    /** A dossier code or local reference, typed or read from the receipt's QR code (a URL is fine). */
    reference: z.string().trim().min(1, 'lookup.empty').max(300, 'lookup.format'),
  })
  .strict();

export const LookupResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('remote'),
    dossierCode: z.string(),
    status: DossierStatus,
    procedureCode: z.string(),
    receivedAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  }),
  z.object({
    kind: z.literal('local'),
    localRef: z.string(),
    /** The outbox state: queued/sending (waiting for the network), needs_attention (ask the clerk). */
    outboxState: z.enum(['queued', 'sending', 'accepted', 'needs_attention']),
    dossierCode: z.string().nullable(),
  }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

export const PrintedOutput = z.object({
  receipts: z.array(
    z.object({
      printedAt: z.string(),
      lines: z.array(z.string()),
      qrPayloads: z.array(z.string()),
      codePages: z.array(z.number().int()),
      /** PNG data URL of a raster receipt. */
      image: z.string().nullable(),
    }),
  ),
});

export const receiptsContract = defineMethods({
  'receipts.preview': { guard: 'citizen', input: LocalRefInput, output: ReceiptPreview },
  /** Prints the receipt once: a second call retries a failed job or returns the printed one. */
  'receipts.print': { guard: 'citizen', input: LocalRefInput, output: PrintJobView },
  'lookup.status': { guard: 'public', input: LookupInput, output: LookupResult },
  'clerk.receipts.list': { guard: 'clerk', input: Empty, output: z.object({ jobs: z.array(PrintJobView) }) },
  'clerk.receipts.retry': { guard: 'clerk', input: JobIdInput, output: PrintJobView },
  'clerk.receipts.reprint': { guard: 'clerk', input: JobIdInput, output: PrintJobView },
  /** Demo only: what the built-in printer emulator has printed. */
  'demo.printerOutput': { guard: 'public', input: Empty, output: PrintedOutput },
});
