import type { PrintJobState, PrintJobView, PrintProblem } from '../../../common/contract/receipts';
import { ReceiptData } from '../../../common/receipt/receipt';
import type { Db } from '../../store/db';

/**
 * The print_jobs table (migration 004). Plain SQL with named parameters; each change is one
 * statement, so each is atomic on its own.
 */
export interface PrintJob {
  id: number;
  localRef: string;
  receipt: ReceiptData;
  state: PrintJobState;
  attempts: number;
  lastError: PrintProblem | null;
  requestedBy: 'citizen' | 'clerk';
  reprintOf: number | null;
  createdAt: number;
  printedAt: number | null;
}

interface Row {
  id: number;
  local_ref: string;
  receipt: string;
  state: PrintJobState;
  attempts: number;
  last_error: PrintProblem | null;
  requested_by: 'citizen' | 'clerk';
  reprint_of: number | null;
  created_at: number;
  printed_at: number | null;
}

function fromRow(r: Row): PrintJob {
  return {
    id: r.id,
    localRef: r.local_ref,
    // Parsed again on the way out: a row is only trusted once it matches the schema.
    receipt: ReceiptData.parse(JSON.parse(r.receipt)),
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    requestedBy: r.requested_by,
    reprintOf: r.reprint_of,
    createdAt: r.created_at,
    printedAt: r.printed_at,
  };
}

export function toView(job: PrintJob): PrintJobView {
  return {
    jobId: job.id,
    localRef: job.localRef,
    dossierCode: job.receipt.dossierCode,
    state: job.state,
    attempts: job.attempts,
    lastError: job.lastError,
    requestedBy: job.requestedBy,
    reprintOf: job.reprintOf,
    createdAt: new Date(job.createdAt).toISOString(),
    printedAt: job.printedAt === null ? null : new Date(job.printedAt).toISOString(),
  };
}

export function buildPrintJobRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO print_jobs (local_ref, receipt, state, attempts, requested_by, reprint_of, created_at, updated_at)
    VALUES (@localRef, @receipt, 'pending', 0, @requestedBy, @reprintOf, @at, @at)`);
  const byId = db.prepare('SELECT * FROM print_jobs WHERE id = @id');
  const byRef = db.prepare(
    "SELECT * FROM print_jobs WHERE local_ref = @localRef AND requested_by = 'citizen' ORDER BY id DESC LIMIT 1",
  );
  const recent = db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT @limit');
  const start = db.prepare(
    "UPDATE print_jobs SET state = 'printing', attempts = attempts + 1, updated_at = @at WHERE id = @id",
  );
  const finish = db.prepare(`
    UPDATE print_jobs
       SET state = @state, last_error = @lastError, updated_at = @at,
           printed_at = CASE WHEN @state = 'printed' THEN @at ELSE printed_at END
     WHERE id = @id`);
  const interrupted = db.prepare(
    "UPDATE print_jobs SET state = 'failed', last_error = 'interrupted', updated_at = @at WHERE state = 'printing'",
  );

  const get = (id: number): PrintJob | null => {
    const row = byId.get({ id }) as Row | undefined;
    return row ? fromRow(row) : null;
  };

  return {
    create(job: { localRef: string; receipt: ReceiptData; requestedBy: 'citizen' | 'clerk'; reprintOf: number | null }, at: number): PrintJob {
      const receipt = JSON.stringify(ReceiptData.parse(job.receipt));
      const id = Number(insert.run({ ...job, receipt, at }).lastInsertRowid);
      return get(id)!;
    },
    get,
    /** The citizen's own job for a dossier (not a clerk's reprint), newest first. */
    citizenJobFor(localRef: string): PrintJob | null {
      const row = byRef.get({ localRef }) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    recent: (limit: number): PrintJob[] => (recent.all({ limit }) as Row[]).map(fromRow),
    startAttempt(id: number, at: number): void {
      start.run({ id, at });
    },
    finishAttempt(id: number, outcome: { ok: true } | { ok: false; problem: PrintProblem }, at: number): PrintJob {
      finish.run({ id, at, state: outcome.ok ? 'printed' : 'failed', lastError: outcome.ok ? null : outcome.problem });
      return get(id)!;
    },
    /** After a crash: a job left "printing" did not finish as far as anyone knows. */
    failInterrupted: (at: number): number => interrupted.run({ at }).changes,
  };
}

export type PrintJobRepository = ReturnType<typeof buildPrintJobRepository>;
