import type { PrintProblem } from '../../../common/contract/receipts';
import { layoutReceipt, type PaperWidthMm, type ReceiptLayout } from '../../../common/receipt/layout';
import type { ReceiptData } from '../../../common/receipt/receipt';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { isStorageFault } from '../../store/storage-faults';
import { buildPrintJobRepository, type PrintJob } from './print-jobs';
import type { ConnectPrinter, PrinterTarget } from './printer-link';
import type { PrinterStatus } from './printer-status';
import { receiptBytes, type ReceiptEncoding } from './receipt-bytes';

/** The thermal printer as configured (or the demo's emulator). */
export interface PrinterSetup {
  target: PrinterTarget;
  paperWidthMm: PaperWidthMm;
  encoding: ReceiptEncoding;
  codePage: number;
}

export interface Printing {
  /** Paper width the layout is made for: the configured printer's, 80 mm for the system printer. */
  paperWidthMm: PaperWidthMm;
  thermal: boolean;
  layout(receipt: ReceiptData): ReceiptLayout;
  /** Prints a receipt for a dossier once: retries the citizen's failed job, never prints a second copy. */
  printForCitizen(receipt: ReceiptData): Promise<PrintJob>;
  retry(jobId: number): Promise<PrintJob | null>;
  /** A clerk's new copy of a job's receipt; `fresh` replaces the snapshot (e.g. now with its dossier code). */
  reprint(jobId: number, fresh: ReceiptData | null): Promise<PrintJob | null>;
  recent(limit?: number): PrintJob[];
  get(jobId: number): PrintJob | null;
  /**
   * Asks the printer how it is (between receipts, never during one), for the kiosk's health;
   * null without a thermal printer.
   */
  checkStatus(): Promise<{ status: PrinterStatus; at: number } | null>;
  /** The last status any print attempt or check saw; null before the first, or without a thermal printer. */
  lastStatus(): { status: PrinterStatus; at: number } | null;
  /** IT's test page: Vietnamese text in the printer's code page, a QR code, the kiosk's name; no job is recorded. */
  printTestPage(page: ReceiptLayout): Promise<{ ok: true; paperLow: boolean } | { ok: false; problem: PrintProblem }>;
}

/**
 * Print jobs and their attempts. Every attempt asks the printer's status first (no point sending
 * a receipt into a printer with its cover open) and again after (the paper can run out halfway),
 * and the outcome is written to SQLite before the caller hears it. Attempts run one at a time:
 * there is one printer.
 */
export function buildPrinting(deps: {
  db: Db;
  now: () => number;
  printer: PrinterSetup | null;
  connect: ConnectPrinter;
  logger: Logger;
  timeoutMs?: number;
}): Printing {
  const { printer, connect, logger, now } = deps;
  const timeoutMs = deps.timeoutMs ?? 3000;
  const jobs = buildPrintJobRepository(deps.db);
  const paperWidthMm: PaperWidthMm = printer?.paperWidthMm ?? 80;
  try {
    const interrupted = jobs.failInterrupted(now());
    if (interrupted > 0) logger.warn('printing.interrupted_jobs', { count: interrupted });
  } catch (e) {
    // A full disk must not stop the kiosk starting; the rows are marked on a later start.
    if (!isStorageFault(e)) throw e;
    logger.warn('printing.interrupted_unmarked', { storage: true });
  }

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  let seen: { status: PrinterStatus; at: number } | null = null;
  const saw = (status: PrinterStatus): PrinterStatus => {
    seen = { status, at: now() };
    return status;
  };
  const unreachable: PrinterStatus = { ready: false, problems: ['offline'], paperLow: false };

  async function send(receipt: ReceiptData, copy: boolean): Promise<{ ok: true } | { ok: false; problem: PrintProblem }> {
    if (!printer) return { ok: false, problem: 'not_configured' };
    return sendLayout(layoutReceipt(receipt, printer.paperWidthMm, { copy }));
  }

  /** Status first (no point printing into an open cover), the bytes, then status again (the paper can run out halfway). */
  async function sendLayout(layout: ReceiptLayout): Promise<{ ok: true } | { ok: false; problem: PrintProblem }> {
    if (!printer) return { ok: false, problem: 'not_configured' };
    const link = await connect(printer.target, { timeoutMs });
    if (!link) {
      saw(unreachable);
      return { ok: false, problem: 'offline' };
    }
    try {
      const before = saw(await link.status(timeoutMs));
      if (!before.ready) return { ok: false, problem: firstProblem(before) };
      const bytes = receiptBytes(layout, { encoding: printer.encoding, paper: printer.paperWidthMm, codePage: printer.codePage });
      await link.send(bytes);
      const after = saw(await link.status(timeoutMs));
      return after.ready ? { ok: true } : { ok: false, problem: firstProblem(after) };
    } catch (e) {
      logger.warn('printing.send_failed', { error: e instanceof Error ? e.name : typeof e });
      return { ok: false, problem: 'offline' };
    } finally {
      await link.close();
    }
  }

  /**
   * The paper matters more than the row: on a disk that refuses writes the receipt is printed
   * anyway and the outcome comes back as it happened, unrecorded (a clerk can reprint later).
   */
  const recorded = <T>(write: () => T): T | null => {
    try {
      return write();
    } catch (e) {
      if (!isStorageFault(e)) throw e;
      logger.warn('printing.unrecorded', { storage: true });
      return null;
    }
  };
  const attempt = (job: PrintJob): Promise<PrintJob> =>
    serial(async () => {
      recorded(() => jobs.startAttempt(job.id, now()));
      // A clerk's reprint is a copy, on its first attempt and on every retry of it.
      const outcome = await send(job.receipt, job.reprintOf !== null);
      const at = now();
      const done =
        recorded(() => jobs.finishAttempt(job.id, outcome, at)) ??
        ({
          ...job,
          attempts: job.attempts + 1,
          state: outcome.ok ? 'printed' : 'failed',
          lastError: outcome.ok ? null : outcome.problem,
          printedAt: outcome.ok ? at : job.printedAt,
        } satisfies PrintJob);
      logger.info('printing.attempt', {
        jobId: job.id,
        attempt: done.attempts,
        outcome: outcome.ok ? 'printed' : outcome.problem,
      });
      return done;
    });

  return {
    paperWidthMm,
    thermal: printer !== null,
    layout: (receipt) => layoutReceipt(receipt, paperWidthMm),
    async printForCitizen(receipt) {
      const existing = jobs.citizenJobFor(receipt.localRef);
      if (existing?.state === 'printed' || existing?.state === 'printing') return existing;
      return attempt(existing ?? jobs.create({ localRef: receipt.localRef, receipt, requestedBy: 'citizen', reprintOf: null }, now()));
    },
    async retry(jobId) {
      const job = jobs.get(jobId);
      if (!job) return null;
      return job.state === 'printed' ? job : attempt(job);
    },
    async reprint(jobId, fresh) {
      const original = jobs.get(jobId);
      if (!original) return null;
      const receipt = fresh ?? original.receipt;
      return attempt(jobs.create({ localRef: original.localRef, receipt, requestedBy: 'clerk', reprintOf: original.id }, now()));
    },
    recent: (limit = 50) => jobs.recent(limit),
    get: (jobId) => jobs.get(jobId),
    checkStatus: () =>
      serial(async () => {
        if (!printer) return null;
        const link = await connect(printer.target, { timeoutMs });
        if (!link) return { status: saw(unreachable), at: now() };
        try {
          return { status: saw(await link.status(timeoutMs)), at: now() };
        } catch {
          return { status: saw(unreachable), at: now() };
        } finally {
          await link.close();
        }
      }),
    lastStatus: () => (printer ? seen : null),
    printTestPage: (page) =>
      serial(async () => {
        const outcome = await sendLayout(page);
        logger.info('printing.test_page', { outcome: outcome.ok ? 'printed' : outcome.problem });
        return outcome.ok ? { ok: true as const, paperLow: seen?.status.paperLow ?? false } : outcome;
      }),
  };
}

function firstProblem(status: PrinterStatus): PrintProblem {
  return status.problems[0] ?? 'error';
}
