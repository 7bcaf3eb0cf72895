import { statSync } from 'node:fs';
import { z } from 'zod';
import {
  AttachmentFileName,
  AttachmentMediaType,
  AttachmentRef,
  ComplaintPayload,
  DossierPayload,
  MAX_ATTACHMENT_BYTES,
  Sha256Hex,
} from '../../../common/domain/dossier';
import { DeliveryProblem } from '../../../common/contract/outbox';
import { kioskError, toFieldIssues, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Db } from '../../store/db';
import { isStorageFault } from '../../store/storage-faults';
import type { RefMirror } from '../../store/ref-mirror';
import { unguardedStorage, type StorageGuard } from '../../store/storage-guard';
import { openAttachmentFiles, type AttachmentFiles, type StoreProblem, type VerifiedStream } from './attachment-files';
import { attachmentCrypto } from './attachment-keys';
import { inspectAttachmentFiles, tidyAttachmentFiles } from './file-check';
import type { DataKey } from '../../keys/data-key';
import type { FileFormat } from '../../keys/file-cipher';
import { eraseSubmission, readErased } from '../retention/erased';
import { formatLocalRef, kioskDay, uuidv7 } from './ids';
import {
  buildOutboxRepository,
  type AttachmentRow,
  type EventRow,
  type OutboxKind,
  type OutboxRow,
  type OutboxState,
} from './repository';

export type { OutboxKind, OutboxState } from './repository';

export interface Clock {
  now(): number;
}

export interface Ids {
  idempotencyKey(nowMs: number): string;
}

export interface EnqueueAttachment {
  sourcePath: string;
  /** When the caller already hashed the file (the wizard did, to show it): it must match. */
  sha256?: string;
  mediaType: string;
  fileName: string;
  /** Which required document of the procedure this file is (dossiers only). */
  documentId?: string;
}

export type EnqueueInput =
  | {
      kind: 'dossier';
      payload: unknown;
      attachments: readonly EnqueueAttachment[];
      /** The source files are sealed (the visit's staging area) with one of these keys. */
      sourceKeys?: (id: string) => Buffer | null;
    }
  | { kind: 'complaint'; payload: unknown; attachments?: readonly [] };

export interface OutboxItem {
  id: number;
  localRef: string;
  idempotencyKey: string;
  kind: OutboxKind;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: DeliveryProblem | null;
  /** The API's code (mã hồ sơ) once accepted. */
  remoteCode: string | null;
  createdAt: number;
  updatedAt: number;
  acceptedAt: number | null;
  /** When retention erased its personal data (services/retention); null while it is kept. */
  personalErasedAt: number | null;
}

export interface Delivery {
  item: OutboxItem;
  /** The validated submission, as stored. */
  submission: unknown;
  /** `open` streams the stored bytes, checked against size and SHA-256 on the way (`damaged` after). */
  attachments: Array<{ sha256: string; size: number; open(): VerifiedStream }>;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  localRef: r.local_ref,
  idempotencyKey: r.idempotency_key,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: readProblem(r.last_error),
  remoteCode: r.remote_code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  acceptedAt: r.accepted_at,
  personalErasedAt: r.personal_erased_at,
});

/** Reasons are stored as JSON; a plain-text one (an earlier build) is shown as it was written. */
export function readProblem(text: string | null): DeliveryProblem | null {
  if (text === null) return null;
  try {
    const parsed = DeliveryProblem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: an old free-text reason.
  }
  return { code: 'other', message: text.slice(0, 500) };
}

/** A history event, with the reason and delay of retries and refusals read back. */
export interface OutboxHistoryEvent {
  at: number;
  event: string;
  detail: string | null;
  problem: DeliveryProblem | null;
  inSeconds: number | null;
}

const RetryDetail = z.object({ problem: DeliveryProblem, inSeconds: z.number().int().nonnegative() });

function readEvent(e: EventRow): OutboxHistoryEvent {
  const plain = { at: e.at, event: e.event, detail: e.detail, problem: null, inSeconds: null };
  if (e.detail === null || (e.event !== 'retry_scheduled' && e.event !== 'rejected')) return plain;
  if (e.event === 'rejected') return { ...plain, detail: null, problem: readProblem(e.detail) };
  try {
    const parsed = RetryDetail.safeParse(JSON.parse(e.detail));
    if (parsed.success) return { ...plain, detail: null, ...parsed.data };
  } catch {
    // An old free-text detail ("HTTP 503 internal; in 4 s").
  }
  return { ...plain, detail: null, problem: { code: 'other', message: e.detail.slice(0, 500) } };
}

const AttachmentMeta = z.object({
  sourcePath: z.string().min(1).max(4096),
  sha256: Sha256Hex.optional(),
  mediaType: AttachmentMediaType,
  fileName: AttachmentFileName,
  documentId: z.string().min(1).max(64),
});

const storeErrors: Record<StoreProblem, KioskError['code']> = {
  unreadable: 'attachment_unreadable',
  mismatch: 'attachment_mismatch',
  too_large: 'attachment_too_large',
  empty: 'attachment_unreadable',
  storage: 'storage_unavailable',
};

/** Serialises enqueue and file purging, so a purge never removes a file an enqueue just wrote. */
function mutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * The outbox: every finished submission, stored durably before the citizen is told "received",
 * then handed to the sync engine. `enqueue` copies the attachments in (hashing on the way),
 * fsyncs them, and only then commits the row.
 */
export async function buildOutbox(deps: {
  db: Db;
  dataDir: string;
  clock: Clock;
  kioskId: string;
  ids?: Ids;
  maxAttachmentBytes?: number;
  /** Told after each commit, so the sync engine wakes without polling. */
  onEnqueued?: () => void;
  /** The data folder's free-space floor and disk faults (store/storage-guard.ts). */
  storage?: StorageGuard;
  /** The data key (and during a rotation the next one): attachment files are sealed with it. */
  dataKeys: { current: DataKey; next: DataKey | null };
  /** Only the benchmark's comparison (bench/enqueue.ts) passes another than the sealed format. */
  fileFormat?: FileFormat;
  /** The reference counter mirrored outside the database (store/ref-mirror.ts). */
  refs?: RefMirror;
}) {
  const { db, clock } = deps;
  const storage = deps.storage ?? unguardedStorage;
  const ids = deps.ids ?? { idempotencyKey: (now: number) => uuidv7(now) };
  const repo = buildOutboxRepository(db);
  const files: AttachmentFiles = await openAttachmentFiles(deps.dataDir, { crypto: attachmentCrypto(db, deps.dataKeys), format: deps.fileFormat });
  const exclusive = mutex();
  // Files an earlier build kept in plain text are sealed before anything else reads the folder.
  await files.sealPlainFiles();
  // Before anything is enqueued: finish the renames a crash cut short, remove copies of stores
  // that never committed. A file no row accounts for stays where it is (the start-up data check,
  // store/data-check.ts, quarantines it); nothing is deleted here that a row might need.
  const facts = () => {
    // Names are keyed hashes: the folder is checked against the names of the rows' files.
    const referenced = new Set(repo.referencedFiles().map((sha256) => files.nameOf(sha256)));
    return { isReferenced: (name: string) => referenced.has(name), hasKey: repo.hasKey, expected: repo.expectedFiles };
  };
  const found = await inspectAttachmentFiles(files, facts());
  await tidyAttachmentFiles(files, found);

  const PARALLEL_STORES = 4;
  // The last acceptance, read from SQLite once and then kept here (the query scans accepted rows).
  let lastAccepted: { at: number | null } | null = null;

  async function enqueue(input: EnqueueInput): Promise<Result<{ localRef: string; idempotencyKey: string }, KioskError>> {
    const isDossier = input.kind === 'dossier';
    const payload = (isDossier ? DossierPayload : ComplaintPayload).safeParse(input.payload);
    if (!payload.success) return err(kioskError('invalid_input', { issues: toFieldIssues(payload.error) }));
    const metas = z.array(AttachmentMeta).max(30).safeParse(isDossier ? input.attachments : (input.attachments ?? []));
    if (!metas.success) return err(kioskError('invalid_input', { issues: toFieldIssues(metas.error) }));
    if (!isDossier && metas.data.length > 0) return err(kioskError('invalid_input'));

    return exclusive(async () => {
      // Below the free-space floor nothing new is taken in: what is already stored must still
      // be sent, logged and backed up, and a citizen is better told now than half-way through.
      const incoming = metas.data.reduce((n, m) => n + (statSync(m.sourcePath, { throwIfNoEntry: false })?.size ?? 0), 0);
      const admitted = storage.admit(incoming + JSON.stringify(payload.data).length);
      if (!admitted.ok) return admitted;

      // The key tags this store's files until its row commits (attachment-files.ts): a store that
      // fails from here on removes exactly what it added, now, not at the next start.
      const started = clock.now();
      const idempotencyKey = ids.idempotencyKey(started);
      const added: string[] = [];
      const fail = async (e: KioskError, cause?: unknown): Promise<Result<never, KioskError>> => {
        if (cause !== undefined) storage.fault(cause, 'outbox.store');
        await files.discard(idempotencyKey, added).catch(() => undefined);
        return err(e);
      };

      // The reference's number is reserved outside the database while the files are copied, so
      // it can never be given out again even if the database is lost (store/ref-mirror.ts).
      const day = kioskDay(started);
      const mirrored = deps.refs?.current();
      const sameDay = mirrored?.day === day ? mirrored : null;
      const refNumber = Math.max(repo.counterFor(day), sameDay?.reserved ?? 0) + 1;
      const reserved: Promise<unknown> = deps.refs
        ? deps.refs.write({ day, reserved: refNumber, committed: sameDay?.committed ?? 0 }).then(() => null, (e: unknown) => e ?? new Error('mirror'))
        : Promise.resolve(null);

      // Files are copied and fsynced a few at a time: their fsyncs overlap instead of queueing.
      const stored: Array<Omit<AttachmentRow, 'outbox_id' | 'position'>> = [];
      for (let i = 0; i < metas.data.length; i += PARALLEL_STORES) {
        const batch = metas.data.slice(i, i + PARALLEL_STORES);
        const results = await Promise.all(
          batch.map((meta) =>
            files.store(meta.sourcePath, {
              expectedSha256: meta.sha256,
              maxBytes: deps.maxAttachmentBytes ?? MAX_ATTACHMENT_BYTES,
              tag: idempotencyKey,
              sourceKeys: isDossier ? input.sourceKeys : undefined,
            }),
          ),
        );
        for (const file of results) if (file.ok && file.value.created) added.push(file.value.sha256);
        for (const [j, file] of results.entries()) {
          if (!file.ok) return fail(kioskError(storeErrors[file.error]), file.error === 'storage' ? file.cause : undefined);
          const meta = batch[j]!;
          stored.push({ document_id: meta.documentId, sha256: file.value.sha256, size: file.value.size, media_type: meta.mediaType, file_name: meta.fileName });
        }
      }
      if (added.length > 0) {
        try {
          await files.syncDir();
        } catch (e) {
          return fail(kioskError('storage_unavailable'), e);
        }
      }
      const unreserved = await reserved;
      if (unreserved !== null) return fail(kioskError('storage_unavailable'), unreserved);

      const now = clock.now();
      const submittedAt = new Date(now).toISOString();
      // The payload was validated above; only the measured attachment facts are checked here, so
      // the phone and ID rules do not run twice per submission.
      const attachmentRefs = z
        .array(AttachmentRef)
        .safeParse(stored.map((a) => ({ documentId: a.document_id, fileName: a.file_name, mediaType: a.media_type, size: a.size, sha256: a.sha256 })));
      const full = attachmentRefs.success
        ? ({ success: true, data: isDossier ? { ...payload.data, attachments: attachmentRefs.data, submittedAt } : { ...payload.data, submittedAt } } as const)
        : attachmentRefs;
      if (!full.success) return fail(kioskError('invalid_input', { issues: toFieldIssues(full.error) }));

      let localRef: string;
      try {
        localRef = repo.insert({
          kind: input.kind,
          kioskDay: day,
          refNumber,
          formatRef: (n) => formatLocalRef(input.kind, deps.kioskId, day, n),
          idempotencyKey,
          payload: JSON.stringify(full.data),
          attachments: stored,
          now,
        }).localRef;
      } catch (e) {
        if (!isStorageFault(e)) {
          await files.discard(idempotencyKey, added).catch(() => undefined);
          throw e;
        }
        return fail(kioskError('storage_unavailable'), e);
      }
      storage.recovered();
      deps.refs?.writeLater({ day, reserved: refNumber, committed: refNumber });
      // Committed: the citizen may be told. The files take their final names before the engine
      // is woken; a failed rename here is finished by the next start (the row has the key).
      await files.commit(idempotencyKey, added).catch((e: unknown) => storage.fault(e, 'outbox.finalize'));
      deps.onEnqueued?.();
      return ok({ localRef, idempotencyKey });
    });
  }

  function delivery(row: OutboxRow): Delivery {
    return {
      item: toItem(row),
      submission: JSON.parse(row.payload) as unknown,
      attachments: repo.attachments(row.id).map((a) => ({ sha256: a.sha256, size: a.size, open: () => files.openVerified(a.sha256, a.size) })),
    };
  }

  return {
    enqueue,
    get(localRef: string): OutboxItem | null {
      const row = repo.byRef(localRef);
      return row ? toItem(row) : null;
    },
    list(opts: { state?: OutboxState | null; limit?: number; beforeId?: number | null } = {}): OutboxItem[] {
      return repo.list({ state: opts.state ?? null, limit: Math.min(opts.limit ?? 50, 200), beforeId: opts.beforeId ?? null }).map(toItem);
    },
    /** Submission facts a clerk may see beside the reference (no names; the ID masked, as on the receipt). */
    summary(localRef: string): { procedureCode: string | null; attachments: number; maskedCitizenId: string | null } | null {
      const row = repo.byRef(localRef);
      if (!row) return null;
      const erased = row.personal_erased_at === null ? null : readErased(row.payload);
      if (erased) return { procedureCode: erased.procedureCode, attachments: erased.attachments, maskedCitizenId: erased.maskedCitizenId };
      const live = eraseSubmission(row.kind, row.payload, repo.attachments(row.id).length);
      return { procedureCode: live.procedureCode, attachments: live.attachments, maskedCitizenId: live.maskedCitizenId };
    },
    counts: () => repo.counts(),
    activeCounts: () => repo.activeCounts(),
    nextDueAt: () => repo.nextDueAt(),
    oldestWaitingSince: () => repo.oldestWaitingSince(),
    /** When the API last accepted a submission from this kiosk (health and heartbeat). */
    lastAcceptedAt(): number | null {
      lastAccepted ??= { at: repo.lastAcceptedAt() };
      return lastAccepted.at;
    },
    totals: () => repo.totals(),
    history(localRef: string): OutboxHistoryEvent[] | null {
      const row = repo.byRef(localRef);
      return row ? repo.events(row.id).map(readEvent) : null;
    },
    /** The submission as stored (a receipt needs the applicant and the procedure); null once erased. */
    storedSubmission(localRef: string): { kind: OutboxKind; submission: unknown } | null {
      const row = repo.byRef(localRef);
      return row && row.personal_erased_at === null ? { kind: row.kind, submission: JSON.parse(row.payload) as unknown } : null;
    },
    /** What would be sent for this submission (read only: its state does not change). */
    deliveryFor(localRef: string): Delivery | null {
      const row = repo.byRef(localRef);
      return row ? delivery(row) : null;
    },
    /** "markSending": takes the next due submission; it becomes 'sending' and its attempt is counted. */
    claimNext(): Delivery | null {
      const row = repo.claimNext(clock.now());
      return row ? delivery(row) : null;
    },
    markAccepted: (id: number, remoteCode: string, replayed = false) => {
      const now = clock.now();
      const changed = repo.markAccepted(id, remoteCode, now, replayed);
      if (changed) lastAccepted = { at: now };
      return changed;
    },
    markRejected: (id: number, problem: DeliveryProblem) => repo.markRejected(id, JSON.stringify(problem), clock.now()),
    scheduleRetry: (id: number, at: number, problem: DeliveryProblem) => {
      const now = clock.now();
      const detail = JSON.stringify({ problem, inSeconds: Math.max(0, Math.round((at - now) / 1000)) });
      return repo.scheduleRetry(id, at, JSON.stringify(problem), detail, now);
    },
    /** The clerk's "retry" on a submission that needs attention. */
    retry(localRef: string): boolean {
      const row = repo.byRef(localRef);
      return row ? repo.requeue(row.id, clock.now()) : false;
    },
    recoverInterrupted: () => repo.recoverInterrupted(clock.now()),
    release: (id: number) => repo.release(id, clock.now()),
    makeAllDue: () => repo.makeAllDue(clock.now()),
    /**
     * For the retention service (services/retention): `work` runs while no enqueue does, so a
     * file it erases cannot be one a new dossier is about to share.
     */
    exclusively: <T>(work: (store: { erase(sha256: string): Promise<void> }) => Promise<T>): Promise<T> => exclusive(() => work(files)),
    /**
     * Before sending: is every stored file there with its recorded size? A missing or truncated
     * one cannot be sent (a truncated one would leave the API waiting for bytes that never come).
     */
    fileProblem(d: Delivery): 'attachment_file_missing' | 'attachment_damaged' | null {
      for (const a of d.attachments) {
        const state = files.check(a.sha256, a.size);
        if (state !== 'ok') return state === 'missing' ? 'attachment_file_missing' : 'attachment_damaged';
      }
      return null;
    },
    /** The attachment folder against the database (start-up check, admin tools). */
    inspectFiles: () => inspectAttachmentFiles(files, facts()),
    files,
  };
}

export type Outbox = Awaited<ReturnType<typeof buildOutbox>>;
