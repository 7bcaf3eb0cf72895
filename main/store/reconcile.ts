import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentFiles } from '../services/outbox/attachment-files';
import { inspectAttachmentFiles } from '../services/outbox/file-check';
import type { Db } from './db';
import type { RefMirror } from './ref-mirror';

/**
 * Brings a data folder back to one that agrees with itself, after IT chose what to keep
 * (admin `restore` or `acknowledge-damage`); nothing is deleted on the way:
 *
 * 1. the reference counter goes up to everything ever reserved, so no reference is given twice;
 * 2. (restore) attachment files of restored submissions come back from the quarantine folders;
 * 3. files the database does not account for go to quarantine, cut-short renames are finished;
 * 4. submissions still to be sent whose files are gone wait for a clerk ("file missing");
 * 5. (restore) everything the API has not confirmed is queued and due now: it is sent again with
 *    its own idempotency key, and the API answers a dossier it already has with its first result.
 */
export interface ReconcileReport {
  /** References committed above the database's counter: given to citizens, not in this database. */
  lostReferences: Array<{ day: string; n: number }>;
  filesBack: number;
  filesQuarantined: number;
  missingFiles: string[];
  requeued: number;
  counts: Record<'queued' | 'sending' | 'accepted' | 'needs_attention', number>;
}

function quarantinedCopies(dataDir: string): string[] {
  const root = join(dataDir, 'quarantine');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .reverse()
    .map((d) => join(root, d, 'attachments'))
    .filter((d) => existsSync(d));
}

export async function reconcile(opts: {
  mode: 'restore' | 'acknowledge';
  db: Db;
  files: AttachmentFiles;
  refs: RefMirror;
  dataDir: string;
  quarantineDir: string;
  now: number;
}): Promise<ReconcileReport> {
  const { db, files, now } = opts;
  const report: ReconcileReport = { lostReferences: [], filesBack: 0, filesQuarantined: 0, missingFiles: [], requeued: 0, counts: { queued: 0, sending: 0, accepted: 0, needs_attention: 0 } };
  const event = db.prepare('INSERT INTO outbox_events (outbox_id, at, event, detail) VALUES (@id, @at, @event, @detail)');

  // 1. References.
  const mirrored = opts.refs.current();
  if (mirrored) {
    const row = db.prepare('SELECT last FROM outbox_ref_counters WHERE day = @day').get({ day: mirrored.day }) as { last: number } | undefined;
    const inDb = row?.last ?? 0;
    for (let n = inDb + 1; n <= mirrored.committed; n++) report.lostReferences.push({ day: mirrored.day, n });
    db.prepare(
      `INSERT INTO outbox_ref_counters (day, last) VALUES (@day, @n)
       ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)`,
    ).run({ day: mirrored.day, n: mirrored.reserved });
  }

  const unsentFiles = () =>
    db
      .prepare(
        `SELECT o.id, o.local_ref AS localRef, a.sha256 FROM outbox_attachments a JOIN outbox o ON o.id = a.outbox_id
         WHERE o.state <> 'accepted'`,
      )
      .all() as Array<{ id: number; localRef: string; sha256: string }>;

  // 2. Files of restored submissions, back from quarantine.
  if (opts.mode === 'restore') {
    const copies = quarantinedCopies(opts.dataDir);
    for (const { sha256 } of unsentFiles()) {
      if (files.exists(sha256)) continue;
      for (const dir of copies) {
        if (await files.moveIn(dir, sha256)) {
          report.filesBack += 1;
          break;
        }
      }
    }
  }

  // 3. What the database does not account for (names are keyed hashes of the SHA-256).
  const referenced = new Set((db.prepare('SELECT DISTINCT sha256 FROM outbox_attachments').all() as Array<{ sha256: string }>).map((r) => files.nameOf(r.sha256)));
  const found = await inspectAttachmentFiles(files, {
    isReferenced: (name) => referenced.has(name),
    hasKey: (key) => db.prepare('SELECT 1 FROM outbox WHERE idempotency_key = @key').get({ key }) !== undefined,
    expected: () => unsentFiles(),
  });
  for (const u of found.unfinished) await files.finishPending(u.tag, u.file);
  for (const name of [...found.unreferenced, ...found.uncommitted]) {
    await files.moveOut(name, join(opts.quarantineDir, 'attachments'));
    report.filesQuarantined += 1;
  }
  await files.removeLeftovers(found.temp);

  db.transaction(() => {
    // 4. Unsendable without their files.
    const gone = new Set(found.missing.map((m) => m.sha256));
    const problem = JSON.stringify({ code: 'attachment_file_missing' });
    const stuck = new Set<number>();
    for (const f of unsentFiles()) if (gone.has(f.sha256)) stuck.add(f.id);
    for (const id of stuck) {
      const changed = db
        .prepare(`UPDATE outbox SET state = 'needs_attention', last_error = @problem, updated_at = @now WHERE id = @id AND state IN ('queued', 'sending')`)
        .run({ id, problem, now }).changes;
      if (changed) event.run({ id, at: now, event: 'rejected', detail: problem });
      report.missingFiles.push((db.prepare('SELECT local_ref FROM outbox WHERE id = @id').get({ id }) as { local_ref: string }).local_ref);
    }
    // 5. Sent again what the API has not confirmed.
    if (opts.mode === 'restore') {
      const ids = db
        .prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = @now, updated_at = @now WHERE state IN ('queued', 'sending') RETURNING id`)
        .all({ now }) as Array<{ id: number }>;
      for (const { id } of ids) event.run({ id, at: now, event: 'requeued_after_restore', detail: null });
      report.requeued = ids.length;
    }
  })();

  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: keyof ReconcileReport['counts']; n: number }>) {
    report.counts[r.state] = r.n;
  }
  return report;
}
