import type { Db } from '../../store/db';
import { eraseSubmission, withoutMessage } from './erased';

/**
 * Retention's SQL, beside the functions that run it. Times are Unix milliseconds. Deletes and
 * overwrites happen with `secure_delete` on (store/db.ts): the old bytes are zeroed in the file,
 * not left in free pages.
 */
export interface DueRow {
  id: number;
  local_ref: string;
  kind: 'dossier' | 'complaint';
  state: 'queued' | 'sending' | 'accepted' | 'needs_attention';
}

/** Why a row's personal data goes: accepted long enough ago, or never accepted within the limit. */
export type ErasureReason = 'accepted' | 'unaccepted';

const ERASED_PROBLEM = JSON.stringify({ code: 'erased_unaccepted' });

export function buildRetentionRepository(db: Db) {
  const dueAccepted = db.prepare(`
    SELECT id, local_ref, kind, state FROM outbox
    WHERE personal_erased_at IS NULL AND state = 'accepted' AND accepted_at < @cutoff
    ORDER BY id LIMIT @limit`);
  // 'sending' is left alone: a delivery in flight finishes (or fails) first.
  const dueUnaccepted = db.prepare(`
    SELECT id, local_ref, kind, state FROM outbox
    WHERE personal_erased_at IS NULL AND state IN ('queued', 'needs_attention') AND created_at < @cutoff
    ORDER BY id LIMIT @limit`);
  const countUnaccepted = db.prepare(`
    SELECT COUNT(*) FROM outbox
    WHERE personal_erased_at IS NULL AND state IN ('queued', 'sending', 'needs_attention') AND created_at < @cutoff`);
  // A file may be shared by several submissions (the same scan twice): it goes only with the last.
  const filesOnlyOf = db.prepare(`
    SELECT DISTINCT a.sha256 FROM outbox_attachments a
    WHERE a.outbox_id = @id
      AND NOT EXISTS (SELECT 1 FROM outbox_attachments b WHERE b.sha256 = a.sha256 AND b.outbox_id <> @id)`);
  const attachmentCount = db.prepare('SELECT COUNT(*) FROM outbox_attachments WHERE outbox_id = @id');
  const payloadOf = db.prepare('SELECT payload, last_error FROM outbox WHERE id = @id');
  const stopDelivery = db.prepare(`
    UPDATE outbox SET state = 'needs_attention', last_error = @problem, updated_at = @now
    WHERE id = @id AND state IN ('queued', 'needs_attention')`);
  const scrub = db.prepare(`
    UPDATE outbox SET payload = @payload, last_error = @lastError, personal_erased_at = @now, updated_at = @now,
      files_purged_at = COALESCE(files_purged_at, @now)
    WHERE id = @id`);
  const problemEvents = db.prepare(`SELECT id, detail FROM outbox_events WHERE outbox_id = @id AND event IN ('rejected', 'retry_scheduled') AND detail IS NOT NULL`);
  const setEventDetail = db.prepare('UPDATE outbox_events SET detail = @detail WHERE id = @id');
  const dropAttachments = db.prepare('DELETE FROM outbox_attachments WHERE outbox_id = @id');
  const dropPrintJobs = db.prepare(`DELETE FROM print_jobs WHERE local_ref = @localRef`);
  const addEvent = db.prepare('INSERT INTO outbox_events (outbox_id, at, event, detail) VALUES (@id, @at, @event, @detail)');

  return {
    due(reason: ErasureReason, cutoff: number, limit = 200): DueRow[] {
      return (reason === 'accepted' ? dueAccepted : dueUnaccepted).all({ cutoff, limit }) as DueRow[];
    },
    /** Unaccepted submissions older than `cutoff` (the clerk's flag, and those kept by `keep`). */
    countUnacceptedOlderThan: (cutoff: number) => countUnaccepted.pluck().get({ cutoff }) as number,
    /** The files that go with this row (not shared with another submission). */
    filesOnlyOf: (id: number) => (filesOnlyOf.all({ id }) as Array<{ sha256: string }>).map((r) => r.sha256),
    /** An unaccepted submission at its limit: never sent from now on (the clerk sees why). */
    stopDelivery: (id: number, now: number) => stopDelivery.run({ id, now, problem: ERASED_PROBLEM }).changes === 1,
    /**
     * One transaction per submission: the payload becomes its stub, the API's messages lose their
     * words, the attachment rows and the receipts' print jobs go, and the history says so.
     */
    erase: db.transaction((row: DueRow, reason: ErasureReason, now: number) => {
      const current = payloadOf.get({ id: row.id }) as { payload: string; last_error: string | null } | undefined;
      if (!current) return;
      const files = attachmentCount.pluck().get({ id: row.id }) as number;
      const stub = eraseSubmission(row.kind, current.payload, files);
      const lastError = reason === 'unaccepted' && row.state !== 'accepted' ? ERASED_PROBLEM : withoutMessage(current.last_error);
      scrub.run({ id: row.id, payload: JSON.stringify(stub), lastError, now });
      for (const e of problemEvents.all({ id: row.id }) as Array<{ id: number; detail: string }>) {
        setEventDetail.run({ id: e.id, detail: withoutMessage(e.detail) });
      }
      dropAttachments.run({ id: row.id });
      dropPrintJobs.run({ localRef: row.local_ref });
      addEvent.run({ id: row.id, at: now, event: 'personal_data_erased', detail: reason });
    }),
  };
}

export type RetentionRepository = ReturnType<typeof buildRetentionRepository>;
