import type { Logger } from './log';
import { storageFaultKind } from './store/storage-faults';

/**
 * The process-wide last resort, installed by both shells before anything else runs. Every write
 * the kiosk makes handles its own failure; this catches the one someone forgot, so that a full
 * disk can never again take the kiosk down and have it crash in a loop when restarted.
 *
 * - A rejected promise nobody awaited is logged and the kiosk runs on: no stack was unwound
 *   through half-done synchronous work, and the durable state is in SQLite transactions.
 * - A thrown exception that is the disk failing (ENOSPC, EIO, SQLITE_FULL, SQLITE_IOERR…) is
 *   logged and reported to the storage guard, and the kiosk runs on: the kiosk shows
 *   "storage full — call IT", and the write that failed was rolled back.
 * - Any other thrown exception is a bug with unknown consequences: logged, then exit 70
 *   (EX_SOFTWARE), as Node itself would have exited.
 */
export const EX_SOFTWARE = 70;

export interface LastResort {
  /** Where disk faults go once the backend exists (its storage guard). */
  onStorageFault(report: (e: unknown, where: string) => void): void;
}

export function installLastResort(deps: {
  process: Pick<NodeJS.Process, 'on'>;
  logger: Logger;
  exit: (code: number) => void;
}): LastResort {
  const { logger } = deps;
  let report: ((e: unknown, where: string) => void) | null = null;
  const describe = (e: unknown) => ({
    error: e instanceof Error ? e.name : typeof e,
    code: typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null,
  });

  deps.process.on('unhandledRejection', (reason: unknown) => {
    const storage = storageFaultKind(reason) !== null;
    logger.error('process.unhandled_rejection', { ...describe(reason), storage });
    if (storage) report?.(reason, 'unhandled_rejection');
  });
  deps.process.on('uncaughtException', (e: unknown) => {
    const storage = storageFaultKind(e) !== null;
    logger.error('process.uncaught_exception', { ...describe(e), storage });
    if (storage) {
      report?.(e, 'uncaught_exception');
      return;
    }
    deps.exit(EX_SOFTWARE);
  });
  return {
    onStorageFault(fn) {
      report = fn;
    },
  };
}
