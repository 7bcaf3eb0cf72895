import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentFiles } from '../services/outbox/attachment-files';
import { inspectAttachmentFiles } from '../services/outbox/file-check';
import type { Db } from './db';
import type { RefMirror } from './ref-mirror';
import { buildRepairRepository } from './repair-repository';

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
  const rows = buildRepairRepository(db);

  // 1. References.
  const mirrored = opts.refs.current();
  if (mirrored) {
    const inDb = rows.counterFor(mirrored.day);
    for (let n = inDb + 1; n <= mirrored.committed; n++) report.lostReferences.push({ day: mirrored.day, n });
    rows.raiseCounter(mirrored.day, mirrored.reserved);
  }

  // 2. Files of restored submissions, back from quarantine.
  if (opts.mode === 'restore') {
    const copies = quarantinedCopies(opts.dataDir);
    for (const { sha256 } of rows.unsentFiles()) {
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
  const referenced = new Set(rows.referencedFiles().map((sha256) => files.nameOf(sha256)));
  const found = await inspectAttachmentFiles(files, {
    isReferenced: (name) => referenced.has(name),
    hasKey: (key) => rows.hasKey(key),
    expected: () => rows.unsentFiles(),
  });
  for (const u of found.unfinished) await files.finishPending(u.tag, u.file);
  for (const name of [...found.unreferenced, ...found.uncommitted]) {
    await files.moveOut(name, join(opts.quarantineDir, 'attachments'));
    report.filesQuarantined += 1;
  }
  await files.removeLeftovers(found.temp);

  // 4. Unsendable without their files, and 5. (restore) sent again what the API has not confirmed.
  const gone = new Set(found.missing.map((m) => m.sha256));
  const stuck = new Set<number>();
  for (const f of rows.unsentFiles()) if (gone.has(f.sha256)) stuck.add(f.id);
  const settled = rows.settle({
    stuck: [...stuck],
    problem: JSON.stringify({ code: 'attachment_file_missing' }),
    requeue: opts.mode === 'restore',
    now,
  });
  report.missingFiles.push(...settled.missingFiles);
  report.requeued = settled.requeued;

  for (const r of rows.stateCounts()) report.counts[r.state] = r.n;
  return report;
}
