import { statfsSync } from 'node:fs';
import { kioskError, type KioskError } from '../../common/errors';
import { err, ok, type Result } from '../../common/result';
import type { Logger } from '../log';
import { storageFaultKind, type StorageFaultKind } from './storage-faults';

/**
 * Watches the data folder's disk so the kiosk never gets to zero. Below a free-space floor (the
 * larger of a fixed amount and a share of the disk) it stops accepting new dossiers — while there
 * is still room for what it already holds to be sent, logged and backed up — and accepts again
 * once space returns. A write that failed on a full or failing disk (reported by whoever wrote)
 * counts too, for a while: the disk said no, whatever `statfs` says.
 */
export type StorageState = 'ok' | 'low' | 'full' | 'failing';

export interface StorageStatus {
  state: StorageState;
  acceptingDossiers: boolean;
  /** Free bytes for the kiosk on the data folder's disk; null when the disk cannot be asked. */
  freeBytes: number | null;
  floorBytes: number;
}

export interface StorageGuard {
  status(): StorageStatus;
  /** May a new dossier of about `bytes` be stored now? */
  admit(bytes: number): Result<void, KioskError>;
  /** A write failed: true (and remembered) when it was the disk, false for anything else. */
  fault(e: unknown, where: string): boolean;
  /** A durable write succeeded: whatever failed before has cleared. */
  recovered(): void;
}

export interface StorageFloor {
  minFreeBytes: number;
  /** Share of the disk's size, 0–100. */
  minFreePercent: number;
}

type StatFs = (path: string) => { bavail: number; blocks: number; bsize: number };

export function buildStorageGuard(deps: {
  dataDir: string;
  floor: StorageFloor;
  now: () => number;
  logger: Logger;
  statfs?: StatFs;
  /** How long a failed write counts before the disk is asked again. */
  faultHoldMs?: number;
}): StorageGuard {
  const statfs = deps.statfs ?? ((p: string) => statfsSync(p));
  const holdMs = deps.faultHoldMs ?? 30_000;
  let fault: { kind: StorageFaultKind; at: number } | null = null;
  let lastState: StorageState = 'ok';
  let cached: { at: number; freeBytes: number | null; floorBytes: number } | null = null;

  function measure(): { freeBytes: number | null; floorBytes: number } {
    const now = deps.now();
    // statfs is one cheap system call, but every screen's status strip polls: once a second is plenty.
    if (cached && now - cached.at < 1000) return cached;
    try {
      const s = statfs(deps.dataDir);
      const total = s.blocks * s.bsize;
      const floorBytes = Math.max(deps.floor.minFreeBytes, Math.round((total * deps.floor.minFreePercent) / 100));
      cached = { at: now, freeBytes: s.bavail * s.bsize, floorBytes };
    } catch {
      cached = { at: now, freeBytes: null, floorBytes: deps.floor.minFreeBytes };
    }
    return cached;
  }

  function status(): StorageStatus {
    const { freeBytes, floorBytes } = measure();
    if (fault && deps.now() - fault.at >= holdMs && freeBytes !== null && freeBytes > floorBytes) fault = null;
    const state: StorageState = fault
      ? fault.kind === 'full'
        ? 'full'
        : 'failing'
      : freeBytes === null
        ? 'failing'
        : freeBytes === 0
          ? 'full'
          : freeBytes < floorBytes
            ? 'low'
            : 'ok';
    if (state !== lastState) {
      // Transitions only: a full kiosk must not fill its log saying so.
      const fields = { state, was: lastState, freeMb: freeBytes === null ? null : Math.floor(freeBytes / 1048576), floorMb: Math.ceil(floorBytes / 1048576) };
      if (state === 'ok') deps.logger.info('storage.ok', fields);
      else deps.logger.error('storage.unavailable', fields);
      lastState = state;
    }
    return { state, acceptingDossiers: state === 'ok', freeBytes, floorBytes };
  }

  return {
    status,
    admit(bytes) {
      const s = status();
      if (s.state !== 'ok') return err(kioskError('storage_unavailable'));
      if (s.freeBytes !== null && s.freeBytes - bytes < s.floorBytes) {
        deps.logger.warn('storage.dossier_refused', { reason: 'below_floor' });
        return err(kioskError('storage_unavailable'));
      }
      return ok(undefined);
    },
    fault(e, where) {
      const kind = storageFaultKind(e);
      if (!kind) return false;
      const first = fault === null;
      fault = { kind, at: deps.now() };
      cached = null;
      if (first) deps.logger.error('storage.write_failed', { where, kind, code: String((e as { code?: unknown }).code) });
      status();
      return true;
    },
    recovered() {
      if (!fault) return;
      fault = null;
      cached = null;
      status();
    },
  };
}

/** For services built without a guard (tests, tools): never refuses, remembers nothing. */
export const unguardedStorage: StorageGuard = {
  status: () => ({ state: 'ok', acceptingDossiers: true, freeBytes: null, floorBytes: 0 }),
  admit: () => ok(undefined),
  fault: (e) => storageFaultKind(e) !== null,
  recovered: () => undefined,
};
