import type { Db } from '../../store/db';

/**
 * The outbox's SQL, beside the functions that run it. Every write is one explicit transaction;
 * parameters are named. Times are Unix milliseconds.
 */
export type OutboxKind = 'dossier' | 'complaint';
export type OutboxState = 'queued' | 'sending' | 'accepted' | 'needs_attention';
export const outboxStates: readonly OutboxState[] = ['queued', 'sending', 'accepted', 'needs_attention'];

export interface OutboxRow {
  id: number;
  local_ref: string;
  idempotency_key: string;
  kind: OutboxKind;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  remote_code: string | null;
  created_at: number;
  updated_at: number;
  accepted_at: number | null;
  files_purged_at: number | null;
  /** Retention erased its personal data (migration 005, services/retention). */
  personal_erased_at: number | null;
}

export interface AttachmentRow {
  outbox_id: number;
  position: number;
  document_id: string;
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
}

export interface EventRow {
  id: number;
  at: number;
  event: string;
  detail: string | null;
}

export interface NewSubmission {
  kind: OutboxKind;
  kioskDay: string;
  /** The day's running number for this reference, reserved by the caller (store/ref-mirror.ts). */
  refNumber: number;
  formatRef: (n: number) => string;
  idempotencyKey: string;
  payload: string;
  attachments: Array<Omit<AttachmentRow, 'outbox_id' | 'position'>>;
  now: number;
}

/** Columns for lists: everything but the payload, which can be large and carries personal data. */
const summaryColumns = `id, local_ref, idempotency_key, kind, '' AS payload, state, attempts, next_attempt_at, last_error,
  remote_code, created_at, updated_at, accepted_at, files_purged_at, personal_erased_at`;

export function buildOutboxRepository(db: Db) {
  /**
   * Delivery bookkeeping (claimed, accepted, retry, refused) commits without its own fsync: WAL
   * keeps commits in order, so the next fully synced commit makes it durable too, and if a power
   * cut loses it the submission is simply sent again with the same key and the API answers with
   * its first result. Only storing a submission — the moment a citizen is told "received" — and
   * the clerk's requeue wait for the disk (synchronous=FULL, store/db.ts).
   */
  // Prepared once: `db.pragma()` compiles its statement on every call, twice per delivery step.
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
  const syncFull = db.prepare('PRAGMA synchronous = FULL');
  const relaxed = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    syncNormal.run();
    try {
      return fn(...args);
    } finally {
      syncFull.run();
    }
  };
  const addEvent = db.prepare('INSERT INTO outbox_events (outbox_id, at, event, detail) VALUES (@id, @at, @event, @detail)');
  const event = (id: number, at: number, name: string, detail: string | null = null) => addEvent.run({ id, at, event: name, detail });

  // Never backwards: a number reserved outside the database may be ahead of the table's.
  const raiseCounter = db.prepare(`
    INSERT INTO outbox_ref_counters (day, last) VALUES (@day, @n)
    ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)`);
  const selectCounter = db.prepare('SELECT last FROM outbox_ref_counters WHERE day = @day');
  const insertItem = db.prepare(`
    INSERT INTO outbox (local_ref, idempotency_key, kind, payload, state, attempts, next_attempt_at, created_at, updated_at)
    VALUES (@localRef, @idempotencyKey, @kind, @payload, 'queued', 0, @now, @now, @now)`);
  const insertAttachment = db.prepare(`
    INSERT INTO outbox_attachments (outbox_id, position, document_id, sha256, size, media_type, file_name)
    VALUES (@outbox_id, @position, @document_id, @sha256, @size, @media_type, @file_name)`);

  const insertTx = db.transaction((s: NewSubmission) => {
    raiseCounter.run({ day: s.kioskDay, n: s.refNumber });
    const localRef = s.formatRef(s.refNumber);
    const id = Number(insertItem.run({ localRef, idempotencyKey: s.idempotencyKey, kind: s.kind, payload: s.payload, now: s.now }).lastInsertRowid);
    s.attachments.forEach((a, position) => insertAttachment.run({ ...a, outbox_id: id, position }));
    event(id, s.now, 'stored', s.attachments.length > 0 ? `${s.attachments.length}` : null);
    return { id, localRef };
  });

  const claimNext = db.prepare(`
    UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = @now
    WHERE id = (SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT 1)
    RETURNING *`);
  const claimTx = db.transaction((now: number) => {
    const row = claimNext.get({ now }) as OutboxRow | undefined;
    if (row) event(row.id, now, 'sending', String(row.attempts));
    return row ?? null;
  });

  const accept = db.prepare(`
    UPDATE outbox SET state = 'accepted', remote_code = @code, accepted_at = @now, updated_at = @now, last_error = NULL
    WHERE id = @id AND state = 'sending'`);
  const reject = db.prepare(`
    UPDATE outbox SET state = 'needs_attention', last_error = @reason, updated_at = @now WHERE id = @id AND state = 'sending'`);
  const retryLater = db.prepare(`
    UPDATE outbox SET state = 'queued', next_attempt_at = @at, last_error = @error, updated_at = @now
    WHERE id = @id AND state = 'sending'`);
  const requeue = db.prepare(`
    UPDATE outbox SET state = 'queued', next_attempt_at = @now, updated_at = @now
    WHERE id = @id AND state = 'needs_attention' AND personal_erased_at IS NULL`);
  const recover = db.prepare(`UPDATE outbox SET state = 'queued', updated_at = @now WHERE state = 'sending' RETURNING id`);
  const releaseOne = db.prepare(`UPDATE outbox SET state = 'queued', updated_at = @now WHERE id = @id AND state = 'sending'`);
  const selectByRef = db.prepare('SELECT * FROM outbox WHERE local_ref = @localRef');
  const selectById = db.prepare('SELECT * FROM outbox WHERE id = @id');
  const selectAttachments = db.prepare('SELECT * FROM outbox_attachments WHERE outbox_id = @id ORDER BY position');
  const selectActive = db.prepare(
    // Erased ones (services/retention) are done with: they wait for nobody. The partial index of
    // migration 005 covers this, however many were accepted or erased.
    "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'sending', 'needs_attention') AND personal_erased_at IS NULL GROUP BY state",
  );
  const dueNow = db.prepare(`UPDATE outbox SET next_attempt_at = @now WHERE state = 'queued' AND next_attempt_at > @now`);

  return {
    insert: (s: NewSubmission) => insertTx.immediate(s),
    /** The highest running number the database knows for a kiosk day (0 if none). */
    counterFor: (day: string) => (selectCounter.get({ day }) as { last: number } | undefined)?.last ?? 0,
    /** Makes the day's counter at least `n` (after a restore, or from the mirror after a loss). */
    raiseCounter: (day: string, n: number) => void raiseCounter.run({ day, n }),
    claimNext: relaxed((now: number) => claimTx.immediate(now)),
    markAccepted: relaxed(db.transaction((id: number, code: string, now: number, replayed: boolean) => {
      const changed = accept.run({ id, code, now }).changes === 1;
      if (changed) event(id, now, 'accepted', replayed ? `${code} (replayed)` : code);
      return changed;
    })),
    markRejected: relaxed(db.transaction((id: number, reason: string, now: number) => {
      const changed = reject.run({ id, reason, now }).changes === 1;
      if (changed) event(id, now, 'rejected', reason);
      return changed;
    })),
    scheduleRetry: relaxed(db.transaction((id: number, at: number, error: string, detail: string, now: number) => {
      const changed = retryLater.run({ id, at, error, now }).changes === 1;
      if (changed) event(id, now, 'retry_scheduled', detail);
      return changed;
    })),
    requeue: db.transaction((id: number, now: number) => {
      const changed = requeue.run({ id, now }).changes === 1;
      if (changed) event(id, now, 'requeued_by_clerk');
      return changed;
    }),
    /** After a crash: a row left in 'sending' goes again, with the same key (the API dedupes). */
    recoverInterrupted: db.transaction((now: number) => {
      const rows = recover.all({ now }) as Array<{ id: number }>;
      for (const { id } of rows) event(id, now, 'recovered_after_restart');
      return rows.length;
    }),
    /** A claimed row whose outcome could not be written (the disk refused): it goes again, same key. */
    release: db.transaction((id: number, now: number) => {
      const changed = releaseOne.run({ id, now }).changes === 1;
      if (changed) event(id, now, 'released_after_storage_fault');
      return changed;
    }),
    makeAllDue: (now: number) => dueNow.run({ now }).changes,
    byRef: (localRef: string) => selectByRef.get({ localRef }) as OutboxRow | undefined,
    byId: (id: number) => selectById.get({ id }) as OutboxRow | undefined,
    attachments: (id: number) => selectAttachments.all({ id }) as AttachmentRow[],
    events: (id: number) =>
      db.prepare('SELECT id, at, event, detail FROM outbox_events WHERE outbox_id = @id ORDER BY id').all({ id }) as EventRow[],
    /** A page, newest first; `beforeId` continues from the previous page. */
    list: (opts: { state: OutboxState | null; limit: number; beforeId: number | null }) =>
      db
        .prepare(
          `SELECT ${summaryColumns} FROM outbox
           WHERE (@state IS NULL OR state = @state) AND (@beforeId IS NULL OR id < @beforeId)
           ORDER BY id DESC LIMIT @limit`,
        )
        .all(opts) as OutboxRow[],
    counts: () => {
      const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: OutboxState; n: number }>;
      const out: Record<OutboxState, number> = { queued: 0, sending: 0, accepted: 0, needs_attention: 0 };
      for (const r of rows) out[r.state] = r.n;
      return out;
    },
    /** Queued, sending and needs-attention counts: index ranges, cheap however many were accepted. */
    activeCounts: () => {
      const rows = selectActive.all() as Array<{ state: OutboxState; n: number }>;
      const out = { queued: 0, sending: 0, needs_attention: 0 };
      for (const r of rows) if (r.state !== 'accepted') out[r.state] = r.n;
      return out;
    },
    nextDueAt: () =>
      (db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'queued'").get() as { at: number | null }).at,
    /** When the oldest submission not yet accepted (waiting or sending) was stored; null when none. */
    oldestWaitingSince: () =>
      (db.prepare("SELECT MIN(created_at) AS at FROM outbox WHERE state IN ('queued', 'sending')").get() as { at: number | null }).at,
    /** When the API last accepted a submission (scans accepted rows: read once, then kept by the caller). */
    lastAcceptedAt: () => (db.prepare("SELECT MAX(accepted_at) AS at FROM outbox WHERE state = 'accepted'").get() as { at: number | null }).at,
    /** Submissions stored at this kiosk, by kind (rows are never deleted: this is every one since install). */
    totals: () => {
      const rows = db.prepare('SELECT kind, COUNT(*) AS n FROM outbox GROUP BY kind').all() as Array<{ kind: OutboxKind; n: number }>;
      const out: Record<OutboxKind, number> = { dossier: 0, complaint: 0 };
      for (const r of rows) out[r.kind] = r.n;
      return out;
    },
    isReferenced: (sha256: string) =>
      db.prepare('SELECT 1 FROM outbox_attachments WHERE sha256 = @sha256 LIMIT 1').get({ sha256 }) !== undefined,
    /** Every file (by SHA-256) some row refers to. */
    referencedFiles: () => db.prepare('SELECT DISTINCT sha256 FROM outbox_attachments').pluck().all() as string[],
    hasKey: (key: string) => db.prepare('SELECT 1 FROM outbox WHERE idempotency_key = @key').get({ key }) !== undefined,
    /** Attachments of submissions not accepted yet: their files must be there to be sent. */
    expectedFiles: () =>
      db
        .prepare(
          `SELECT o.local_ref AS localRef, a.sha256 FROM outbox_attachments a JOIN outbox o ON o.id = a.outbox_id
           WHERE o.state <> 'accepted'`,
        )
        .all() as Array<{ localRef: string; sha256: string }>,
  };
}

export type OutboxRepository = ReturnType<typeof buildOutboxRepository>;
