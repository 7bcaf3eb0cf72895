import type { Db } from './db';

/**
 * The SQL of the data folder's start-up check and of IT's repairs (data-check.ts, reconcile.ts,
 * `kiosk-admin check`): what the outbox tables say about references and attachment files, and the
 * few changes a repair makes to them. The outbox's own delivery SQL is services/outbox/repository.ts.
 */
export type OutboxStateCount = { state: 'queued' | 'sending' | 'accepted' | 'needs_attention'; n: number };

export function buildRepairRepository(db: Db) {
  const selectCounter = db.prepare('SELECT last FROM outbox_ref_counters WHERE day = @day');
  const newestCounter = db.prepare('SELECT day, last FROM outbox_ref_counters ORDER BY day DESC LIMIT 1');
  // Never backwards: a number reserved outside the database may be ahead of the table's.
  const raiseCounter = db.prepare(`
    INSERT INTO outbox_ref_counters (day, last) VALUES (@day, @n)
    ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)`);
  const referenced = db.prepare('SELECT DISTINCT sha256 FROM outbox_attachments');
  const byKey = db.prepare('SELECT 1 FROM outbox WHERE idempotency_key = @key');
  const unsentFiles = db.prepare(`
    SELECT o.id, o.local_ref AS localRef, a.sha256 FROM outbox_attachments a JOIN outbox o ON o.id = a.outbox_id
    WHERE o.state <> 'accepted'`);
  const waitingFiles = db.prepare(`
    SELECT o.local_ref AS localRef, a.sha256 FROM outbox_attachments a JOIN outbox o ON o.id = a.outbox_id
    WHERE o.state IN ('queued', 'sending')`);
  const hold = db.prepare(
    `UPDATE outbox SET state = 'needs_attention', last_error = @problem, updated_at = @now WHERE id = @id AND state IN ('queued', 'sending')`,
  );
  const localRefOf = db.prepare('SELECT local_ref FROM outbox WHERE id = @id');
  const requeue = db.prepare(
    `UPDATE outbox SET state = 'queued', next_attempt_at = @now, updated_at = @now WHERE state IN ('queued', 'sending') RETURNING id`,
  );
  const addEvent = db.prepare('INSERT INTO outbox_events (outbox_id, at, event, detail) VALUES (@id, @at, @event, @detail)');
  const stateCounts = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');

  return {
    /** The highest running number the database knows for a kiosk day (0 if none). */
    counterFor: (day: string): number => (selectCounter.get({ day }) as { last: number } | undefined)?.last ?? 0,
    /** The latest kiosk day's counter, if any reference was ever given. */
    newestCounter: () => newestCounter.get() as { day: string; last: number } | undefined,
    raiseCounter(day: string, n: number): void {
      raiseCounter.run({ day, n });
    },
    /** Every attachment file (by SHA-256) some row refers to. */
    referencedFiles: (): string[] => (referenced.all() as Array<{ sha256: string }>).map((r) => r.sha256),
    hasKey: (key: string): boolean => byKey.get({ key }) !== undefined,
    /** Attachments of submissions the API has not accepted (waiting, sending, or with a clerk). */
    unsentFiles: () => unsentFiles.all() as Array<{ id: number; localRef: string; sha256: string }>,
    /** Attachments of submissions waiting to be sent or being sent (not those already with a clerk). */
    waitingFiles: () => waitingFiles.all() as Array<{ localRef: string; sha256: string }>,
    /**
     * One transaction: submissions whose files are gone wait for a clerk (`problem` says why), and,
     * after a restore, everything the API has not confirmed is queued and due now. The history of
     * each says so.
     */
    settle: db.transaction((opts: { stuck: readonly number[]; problem: string; requeue: boolean; now: number }) => {
      const { now } = opts;
      const missingFiles: string[] = [];
      for (const id of opts.stuck) {
        if (hold.run({ id, problem: opts.problem, now }).changes) addEvent.run({ id, at: now, event: 'rejected', detail: opts.problem });
        missingFiles.push((localRefOf.get({ id }) as { local_ref: string }).local_ref);
      }
      let requeued = 0;
      if (opts.requeue) {
        const ids = requeue.all({ now }) as Array<{ id: number }>;
        for (const { id } of ids) addEvent.run({ id, at: now, event: 'requeued_after_restore', detail: null });
        requeued = ids.length;
      }
      return { missingFiles, requeued };
    }),
    /** Rows per outbox state, only the states that have some. */
    stateCounts: () => stateCounts.all() as OutboxStateCount[],
  };
}

export type RepairRepository = ReturnType<typeof buildRepairRepository>;
