import type { AttachmentFiles } from './attachment-files';

/**
 * What the attachment folder holds, accounted for against the database (attachment-files.ts
 * explains the names: a file is named by a keyed hash of its SHA-256, `files.nameOf`). Nothing is
 * deleted that cannot be accounted for:
 *
 * - a temp copy, or the pending files of a store whose row never committed: a store that did not
 *   finish, before anyone was told — removable;
 * - the pending files of a committed row: a commit whose renames were cut short — finished now;
 * - a final file that no row refers to: a committed submission the database no longer has (a
 *   lost WAL, a deleted or restored database) — evidence: it goes to quarantine, never deleted;
 * - a row of a submission still to be sent whose file is missing: reported (its delivery waits for
 *   a clerk with "attachment file missing").
 */
export interface FileFindings {
  /** Final files (by name) no row refers to. */
  unreferenced: string[];
  /** Pending files of stores whose row is not in the database. */
  uncommitted: string[];
  /** Temp copies. */
  temp: string[];
  /** Pending files of committed rows, to be finished (by the final name they take). */
  unfinished: Array<{ tag: string; file: string }>;
  /** Files of unsent submissions that are not there. */
  missing: Array<{ localRef: string; sha256: string }>;
  /** Names that are none of the kiosk's. */
  foreign: string[];
}

export interface FileFacts {
  /** Does a row refer to the file of this name (`files.nameOf` of its SHA-256)? */
  isReferenced(name: string): boolean;
  /** Does a row with this idempotency key exist? */
  hasKey(tag: string): boolean;
  /** Attachments of submissions not accepted yet. */
  expected(): Array<{ localRef: string; sha256: string }>;
}

export async function inspectAttachmentFiles(files: AttachmentFiles, facts: FileFacts): Promise<FileFindings> {
  const found = await files.list();
  const findings: FileFindings = { unreferenced: [], uncommitted: [], temp: found.temp, unfinished: [], missing: [], foreign: found.other };
  for (const name of found.final) if (!facts.isReferenced(name)) findings.unreferenced.push(name);
  const pendingNames = new Set<string>();
  for (const p of found.pending) {
    if (facts.hasKey(p.tag)) {
      findings.unfinished.push({ tag: p.tag, file: p.file });
      pendingNames.add(p.file);
    } else findings.uncommitted.push(p.name);
  }
  const present = new Set(found.final);
  for (const e of facts.expected()) {
    const name = files.nameOf(e.sha256);
    if (!present.has(name) && !pendingNames.has(name)) findings.missing.push(e);
  }
  return findings;
}

/** Finishes what a crash cut short and removes the stores that never committed. */
export async function tidyAttachmentFiles(files: AttachmentFiles, findings: FileFindings): Promise<void> {
  for (const u of findings.unfinished) await files.finishPending(u.tag, u.file);
  await files.removeLeftovers([...findings.temp, ...findings.uncommitted]);
}
