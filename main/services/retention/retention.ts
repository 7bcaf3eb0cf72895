import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import type { Clock } from '../outbox/outbox';
import { buildRetentionRepository, type ErasureReason } from './repository';

export const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Days after the API's acceptance. */
  acceptedDays: number;
  unaccepted: { flagAfterDays: number; limitDays: number; action: 'erase' | 'keep' };
}

/** What one pass did (logged; tests assert it). */
export interface RetentionReport {
  erasedAccepted: number;
  erasedUnaccepted: number;
  filesRemoved: number;
  /** Unaccepted submissions past the limit kept because IT set `keep`. */
  keptOverdue: number;
  /** Unaccepted submissions past the clerk's flag. */
  flagged: number;
}

/** The attachment files, as the outbox lends them while nothing else writes to the store. */
export interface ErasableFiles {
  /** Overwrites the stored file, syncs and unlinks it. */
  erase(sha256: string): Promise<void>;
}

export interface RetentionDeps {
  db: Db;
  /** Runs `work` while no enqueue runs (a new dossier may share a file being erased). */
  exclusively<T>(work: (files: ErasableFiles) => Promise<T>): Promise<T>;
  clock: Clock;
  policy: RetentionPolicy;
  logger: Logger;
  /** When the next pass runs; default: a day later (setTimeout, not keeping the process alive). */
  schedule?: (run: () => void, inMs: number) => () => void;
}

/** Per submission: when its personal data goes, and whether the clerk should be told now. */
export interface RetentionInfo {
  erasedAt: number | null;
  /** When it will be erased (null: never by itself — kept, or already erased). */
  erasesAt: number | null;
  /** An unaccepted submission past `flagAfterDays`: the clerk should act. */
  flagged: boolean;
}

export function retentionInfo(
  policy: RetentionPolicy,
  item: { state: string; createdAt: number; acceptedAt: number | null; erasedAt: number | null },
  now: number,
): RetentionInfo {
  if (item.erasedAt !== null) return { erasedAt: item.erasedAt, erasesAt: null, flagged: false };
  if (item.state === 'accepted' && item.acceptedAt !== null) {
    return { erasedAt: null, erasesAt: item.acceptedAt + policy.acceptedDays * DAY_MS, flagged: false };
  }
  const flagged = now - item.createdAt >= policy.unaccepted.flagAfterDays * DAY_MS;
  const erasesAt = policy.unaccepted.action === 'erase' ? item.createdAt + policy.unaccepted.limitDays * DAY_MS : null;
  return { erasedAt: null, erasesAt, flagged };
}

/**
 * Keeps citizens' personal data only as long as needed (README "Retention", docs/privacy.md).
 * A pass erases what is due — accepted submissions `acceptedDays` after acceptance, unaccepted
 * ones at the limit when IT chose `erase` — and then makes the bytes go from the files as well:
 * rows are scrubbed with secure_delete on, attachment files overwritten and unlinked, and the WAL
 * checkpointed and truncated so no older copy of a page survives in it. Runs at start and daily.
 */
export function buildRetention(deps: RetentionDeps) {
  const { db, clock, policy, logger } = deps;
  const repo = buildRetentionRepository(db);
  const schedule =
    deps.schedule ??
    ((run: () => void, inMs: number) => {
      const t = setTimeout(run, inMs);
      t.unref();
      return () => clearTimeout(t);
    });
  let cancel: (() => void) | null = null;
  let running: Promise<RetentionReport> | null = null;

  async function eraseDue(reason: ErasureReason, cutoff: number, report: RetentionReport): Promise<void> {
    await deps.exclusively(async (files) => {
      for (;;) {
        const batch = repo.due(reason, cutoff);
        for (const row of batch) {
          const now = clock.now();
          // Delivery stops before the files go: nothing half-erased is ever sent.
          if (reason === 'unaccepted') repo.stopDelivery(row.id, now);
          // Files first: should the kiosk stop here, the row still lists them and the next pass
          // finishes; the other way round, a file nobody lists would look like lost data.
          for (const sha256 of repo.filesOnlyOf(row.id)) {
            await files.erase(sha256);
            report.filesRemoved += 1;
          }
          repo.erase(row, reason, now);
          if (reason === 'accepted') report.erasedAccepted += 1;
          else report.erasedUnaccepted += 1;
        }
        if (batch.length === 0) break;
      }
    });
  }

  async function pass(): Promise<RetentionReport> {
    const now = clock.now();
    const report: RetentionReport = { erasedAccepted: 0, erasedUnaccepted: 0, filesRemoved: 0, keptOverdue: 0, flagged: 0 };
    await eraseDue('accepted', now - policy.acceptedDays * DAY_MS, report);
    const limit = now - policy.unaccepted.limitDays * DAY_MS;
    if (policy.unaccepted.action === 'erase') await eraseDue('unaccepted', limit, report);
    else report.keptOverdue = repo.countUnacceptedOlderThan(limit);
    report.flagged = repo.countUnacceptedOlderThan(now - policy.unaccepted.flagAfterDays * DAY_MS);
    if (report.erasedAccepted + report.erasedUnaccepted > 0) {
      // The scrubbed pages are in the WAL; the old ones were in the main file. A truncating
      // checkpoint writes the new pages over the old and empties the WAL: no copy survives.
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    logger.info('retention.pass', { ...report });
    if (report.keptOverdue > 0) logger.warn('retention.kept_overdue', { count: report.keptOverdue, limitDays: policy.unaccepted.limitDays });
    return report;
  }

  function runOnce(): Promise<RetentionReport> {
    // One pass at a time: the daily timer and a start-up pass never overlap.
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  function next(): void {
    cancel = schedule(() => {
      void runOnce()
        .catch((e: unknown) => logger.error('retention.failed', { error: e instanceof Error ? e.name : typeof e }))
        .finally(() => {
          if (cancel) next();
        });
    }, DAY_MS);
  }

  return {
    runOnce,
    /** A pass now, then one a day. */
    start(): void {
      if (cancel) return;
      cancel = () => undefined;
      void runOnce()
        .catch((e: unknown) => logger.error('retention.failed', { error: e instanceof Error ? e.name : typeof e }))
        .finally(() => {
          if (cancel) next();
        });
    },
    async stop(): Promise<void> {
      const c = cancel;
      cancel = null;
      c?.();
      await running?.catch(() => undefined);
    },
    info: (item: Parameters<typeof retentionInfo>[1]) => retentionInfo(policy, item, clock.now()),
    policy,
  };
}

export type Retention = ReturnType<typeof buildRetention>;
