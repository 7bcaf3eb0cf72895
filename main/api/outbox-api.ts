import { kioskError } from '../../common/errors';
import { err, ok } from '../../common/result';
import type { OutboxEntry, outboxContract, OutboxStatus } from '../../common/contract/outbox';
import type { Outbox, OutboxItem } from '../services/outbox/outbox';
import type { Retention } from '../services/retention/retention';
import type { SyncEngine, SyncStatus } from '../services/sync/engine';
import type { StorageGuard, StorageStatus } from '../store/storage-guard';
import type { DeviceIdentity, DeviceState } from '../services/device/device-identity';
import type { HandlersOf } from './dispatch';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toStatus(s: SyncStatus, storage: StorageStatus, device: DeviceState): OutboxStatus {
  return {
    online: s.online,
    waiting: s.waiting,
    sending: s.sending,
    needsAttention: s.needsAttention,
    progress: s.progress,
    lastContactAt: iso(s.lastContactAt),
    storage: {
      state: storage.state,
      acceptingDossiers: storage.acceptingDossiers,
      freeBytes: storage.freeBytes === null ? null : Math.max(0, Math.floor(storage.freeBytes)),
      floorBytes: Math.max(0, Math.floor(storage.floorBytes)),
    },
    device,
  };
}

/** The status strip (everyone) and the clerk's outbox view (behind the clerk PIN: the contract's `clerk` guard). */
export function buildOutboxApi(deps: {
  outbox: Outbox;
  sync: SyncEngine;
  storage: Pick<StorageGuard, 'status'>;
  retention: Pick<Retention, 'info'>;
  device: Pick<DeviceIdentity, 'status'>;
}): HandlersOf<typeof outboxContract> {
  const { outbox, sync, storage } = deps;
  const status = () => toStatus(sync.status(), storage.status(), deps.device.status().state);

  const entry = (item: OutboxItem): OutboxEntry => {
    const summary = outbox.summary(item.localRef);
    return {
      localRef: item.localRef,
      kind: item.kind,
      state: item.state,
      attempts: item.attempts,
      nextAttemptAt: item.state === 'queued' ? iso(item.nextAttemptAt) : null,
      lastError: item.lastError,
      remoteCode: item.remoteCode,
      procedureCode: summary?.procedureCode ?? null,
      attachments: summary?.attachments ?? 0,
      maskedCitizenId: summary?.maskedCitizenId ?? null,
      retention: (({ erasedAt, erasesAt, flagged }) => ({ erasedAt: iso(erasedAt), erasesAt: iso(erasesAt), flagged }))(
        deps.retention.info({ state: item.state, createdAt: item.createdAt, acceptedAt: item.acceptedAt, erasedAt: item.personalErasedAt }),
      ),
      createdAt: iso(item.createdAt)!,
      updatedAt: iso(item.updatedAt)!,
    };
  };

  return {
    'outbox.status': async () => ok(status()),
    'clerk.outbox.list': async ({ state, limit, beforeId }) => {
      const items = outbox.list({ state, limit: limit + 1, beforeId });
      const page = items.slice(0, limit);
      return ok({ entries: page.map(entry), nextBeforeId: items.length > limit ? page[page.length - 1]!.id : null });
    },
    'clerk.outbox.retry': async ({ localRef }) => {
      const item = outbox.get(localRef);
      if (!item) return err(kioskError('not_found'));
      if (outbox.retry(localRef)) sync.wake();
      return ok({ entry: entry(outbox.get(localRef)!) });
    },
    'clerk.outbox.history': async ({ localRef }) => {
      const events = outbox.history(localRef);
      if (!events) return err(kioskError('not_found'));
      return ok({ events: events.map((e) => ({ ...e, at: iso(e.at)! })) });
    },
    'clerk.syncNow': async () => {
      sync.syncNow();
      return ok(status());
    },
  };
}
