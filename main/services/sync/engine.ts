import type { ComplaintSubmission } from '../../../common/domain/dossier';
import type { Logger } from '../../log';
import type { StorageGuard } from '../../store/storage-guard';
import type { VerifiedStream } from '../outbox/attachment-files';
import type { Clock, Delivery, Outbox } from '../outbox/outbox';
import type { DeviceClient } from '../provincial-api/device-client';
import { buildCircuitBreaker, type CircuitState } from './circuit-breaker';
import { decide, defaultRetryPolicy, type DeliveryFailure, type RetryPolicy } from './retry-policy';
import { buildWaker } from './waker';

export interface SyncStatus {
  /** The API answered the last time we asked (health or a delivery). */
  online: boolean;
  circuit: CircuitState;
  waiting: number;
  sending: number;
  needsAttention: number;
  /** While deliveries are in flight: how far this drain has come. */
  progress: { done: number; total: number } | null;
  lastContactAt: number | null;
}

export interface SyncEngine {
  start(): void;
  stop(): Promise<void>;
  /** "Gửi ngay": everything queued is due now, the circuit is probed at once. */
  syncNow(): void;
  /** Something was enqueued or requeued: look now rather than at the next poll. */
  wake(): void;
  /**
   * The API is known to be unreachable right now: the circuit is open, or the last health check
   * or delivery could not reach it. Unknown (nothing asked yet since start) is not "down".
   */
  apiKnownDown(): boolean;
  /**
   * Asks the API's health now (the engine's own probe, shared): true when it answered within
   * `withinMs`, and then the circuit is closed and the queue due, as after any good probe.
   */
  recheck(withinMs: number): Promise<boolean>;
  status(): SyncStatus;
}

/**
 * Delivers the outbox to the provincial API, a few submissions at a time, each at least once with
 * the same idempotency key (so the API keeps exactly one). Rows are claimed one by one from
 * SQLite and attachments stream from disk: memory does not grow with the queue or the files.
 */
export function buildSyncEngine(deps: {
  outbox: Outbox;
  api: DeviceClient;
  clock: Clock;
  logger: Logger;
  policy?: RetryPolicy;
  random?: () => number;
  concurrency?: number;
  /** How often an idle or offline kiosk asks the API whether it is there. */
  healthIntervalMs?: number;
  /** Told when a write fails on the kiosk's own disk (full, failing), so the kiosk says so. */
  storage?: Pick<StorageGuard, 'fault' | 'recovered'>;
  /** Told after each acceptance is recorded (the database backups follow sent batches). */
  onAccepted?: () => void;
}): SyncEngine {
  const { outbox, api, clock, logger } = deps;
  const policy = deps.policy ?? defaultRetryPolicy;
  const random = deps.random ?? Math.random;
  const healthIntervalMs = deps.healthIntervalMs ?? 10_000;
  const circuit = buildCircuitBreaker({ now: () => clock.now(), openMs: healthIntervalMs, maxOpenMs: 4 * healthIntervalMs });
  const waker = buildWaker();
  let running = false;
  let workers: Array<Promise<void>> = [];
  let online = false;
  let lastReached: boolean | null = null;
  let lastContactAt: number | null = null;
  let inFlight = 0;
  let drained = 0;
  let probing: Promise<void> | null = null;

  // The kiosk's disk can fill up or fail under any write below. Then nothing is lost by waiting:
  // the engine pauses (doubling, capped) and tries again, and a row it claimed but could not
  // settle goes back to the queue once writes work again — sent again with its key, the API
  // answers with its first result. No write here may reject a promise nobody awaits.
  const basePauseMs = healthIntervalMs;
  const maxPauseMs = 6 * healthIntervalMs;
  let pauseMs = 0;
  let pausedUntil = 0;
  let recoverPending = false;
  let dueOwed = false;
  const stranded = new Set<number>();

  const troubled = (step: string, e: unknown): void => {
    const storage = deps.storage?.fault(e, `sync.${step}`) ?? false;
    if (!storage) logger.error('sync.write_failed', { step, error: e instanceof Error ? e.name : typeof e });
    pauseMs = Math.min(maxPauseMs, pauseMs === 0 ? basePauseMs : pauseMs * 2);
    pausedUntil = clock.now() + pauseMs;
    logger.warn('sync.paused', { step, ms: pauseMs, storage });
  };
  /**
   * A write to the outbox; on failure the engine pauses and `undefined` comes back. Only a
   * statement that changed rows proves the disk takes writes again (one that matched nothing
   * wrote nothing).
   */
  function write<T>(step: string, fn: () => T, wrote: (value: T) => boolean = () => true): { value: T } | undefined {
    try {
      const value = fn();
      if (pauseMs !== 0 && wrote(value)) {
        pauseMs = 0;
        deps.storage?.recovered();
        logger.info('sync.writes_resumed', { step });
      }
      return { value };
    } catch (e) {
      troubled(step, e);
      return undefined;
    }
  }
  /** Records a delivery's outcome; if the disk refuses, the row is released later instead. */
  function settle(id: number, step: string, fn: () => unknown): void {
    if (!write(step, fn)) stranded.add(id);
    else if (step === 'accept') deps.onAccepted?.();
  }
  /** Before claiming more: rows left in 'sending' by a refused write (or a crash) go back to the queue. */
  function releaseStranded(): boolean {
    if (recoverPending) {
      const recovered = write('recover', () => outbox.recoverInterrupted(), (n) => n > 0);
      if (!recovered) return false;
      recoverPending = false;
      if (recovered.value > 0) logger.info('sync.recovered_after_restart', { recovered: recovered.value });
    }
    for (const id of stranded) {
      if (!write('release', () => outbox.release(id))) return false;
      stranded.delete(id);
    }
    if (dueOwed) {
      if (!write('make_due', () => outbox.makeAllDue(), (n) => n > 0)) return false;
      dueOwed = false;
    }
    return true;
  }

  const contact = (ok: boolean) => {
    online = ok;
    lastReached = ok;
    if (ok) lastContactAt = clock.now();
  };

  /** Asks /v1/health; a good answer closes the circuit and makes the whole queue due. */
  function probe(opts: { recheck?: boolean } = {}): Promise<void> {
    probing ??= (async () => {
      const health = await api.health();
      if (health.ok) {
        const wasDown = circuit.state() === 'open' || !online;
        contact(true);
        circuit.success();
        if (wasDown) {
          const due = write('make_due', () => outbox.makeAllDue(), (n) => n > 0);
          // Refused by the disk: owed, and made good before the next claim.
          dueOwed = due === undefined;
          logger.info('sync.api_back', { due: due?.value ?? null });
          waker.wake();
        }
      } else {
        contact(false);
        // A citizen's recheck that fails must not lengthen the open period (it doubles per
        // failed probe): the kiosk would then notice a returning API later.
        if (!opts.recheck) circuit.probeFailed();
      }
    })()
      .catch((e: unknown) => logger.error('sync.probe_failed', { error: e instanceof Error ? e.name : typeof e }))
      .finally(() => {
        probing = null;
      });
    return probing;
  }

  async function deliver(d: Delivery): Promise<void> {
    const { item } = d;
    const fail = (failure: DeliveryFailure) => {
      const decision = decide(failure, item.attempts, policy, random);
      if (decision.action === 'reject') {
        settle(item.id, 'reject', () => outbox.markRejected(item.id, decision.reason));
        logger.warn('sync.rejected', { localRef: item.localRef, attempts: item.attempts });
        return;
      }
      settle(item.id, 'retry', () => outbox.scheduleRetry(item.id, clock.now() + decision.delayMs, decision.reason));
      if (decision.apiDown) {
        contact(false);
        circuit.failure();
      } else contact(true);
      logger.info('sync.retry_scheduled', { localRef: item.localRef, attempts: item.attempts, delayMs: decision.delayMs });
    };

    if (item.kind === 'complaint') {
      const sent = await api.submitComplaint(item.idempotencyKey, d.submission as ComplaintSubmission);
      if (!sent.ok) return fail(sent.error);
      contact(true);
      circuit.success();
      settle(item.id, 'accept', () => outbox.markAccepted(item.id, sent.value.complaintId));
      logger.info('sync.accepted', { localRef: item.localRef, attempts: item.attempts, kind: 'complaint' });
      return;
    }
    // A missing or truncated file cannot be sent; waiting will not bring it back.
    const problem = outbox.fileProblem(d);
    if (problem) return fail({ kind: 'local', code: problem });
    for (const file of d.attachments) {
      // Resuming: after a failed attempt the API may already hold some files.
      if (item.attempts > 1) {
        const has = await api.hasUpload(file.sha256);
        if (!has.ok) return fail(has.error);
        if (has.value) continue;
      }
      // The stream checks the bytes against the record as they go, and stops before the last
      // chunk if they differ: the API never receives a damaged copy, and the clerk hears why.
      let body: VerifiedStream | null = null;
      const up = await api.upload({ sha256: file.sha256, size: file.size, open: () => (body = file.open()) });
      if ((body as VerifiedStream | null)?.damaged) return fail({ kind: 'local', code: 'attachment_damaged' });
      if (!up.ok) return fail(up.error);
    }
    const sent = await api.submitDossier(item.idempotencyKey, {
      localRef: item.localRef,
      submission: d.submission as Parameters<DeviceClient['submitDossier']>[1]['submission'],
    });
    if (!sent.ok) return fail(sent.error);
    contact(true);
    circuit.success();
    settle(item.id, 'accept', () => outbox.markAccepted(item.id, sent.value.dossierCode, sent.value.replayed));
    logger.info('sync.accepted', { localRef: item.localRef, attempts: item.attempts, replayed: sent.value.replayed });
  }

  async function work(): Promise<void> {
    while (running) {
      try {
        await workOnce();
      } catch (e) {
        // A bug in the loop itself: wait a while rather than spin, and never let the worker die.
        logger.error('sync.worker_failed', { error: e instanceof Error ? e.name : typeof e });
        await waker.sleep(policy.maxDelayMs);
      }
    }
  }

  async function workOnce(): Promise<void> {
    const paused = pausedUntil - clock.now();
    if (paused > 0) return void (await waker.sleep(paused));
    if (!releaseStranded()) return;
    if (circuit.state() === 'open') {
      const wait = circuit.probeAt() - clock.now();
      if (wait > 0) await waker.sleep(wait);
      else await probe();
      return;
    }
    const claimed = write('claim', () => outbox.claimNext(), (row) => row !== null);
    if (!claimed) return;
    const next = claimed.value;
    if (!next) {
      if (inFlight === 0) drained = 0;
      const due = outbox.nextDueAt();
      const idle = due === null ? healthIntervalMs : Math.min(healthIntervalMs, Math.max(0, due - clock.now()));
      await waker.sleep(idle);
      return;
    }
    inFlight += 1;
    try {
      await deliver(next);
    } catch (e) {
      // A bug, not a network fault: park the row for a while rather than spin on it.
      logger.error('sync.deliver_failed', { error: e instanceof Error ? e.name : typeof e });
      settle(next.item.id, 'retry', () => outbox.scheduleRetry(next.item.id, clock.now() + policy.maxDelayMs, { code: 'internal' }));
    } finally {
      inFlight -= 1;
      drained += 1;
    }
  }

  async function healthLoop(): Promise<void> {
    while (running) {
      const quiet = lastContactAt === null || clock.now() - lastContactAt >= healthIntervalMs;
      if (circuit.state() === 'closed' && quiet && inFlight === 0) {
        await probe();
      }
      await waker.sleep(healthIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      // Rows a crash left in 'sending' go back to the queue first (or, on a full disk, once it can be written).
      recoverPending = true;
      releaseStranded();
      void probe();
      workers = [healthLoop(), ...Array.from({ length: deps.concurrency ?? 2 }, () => work())];
    },
    async stop() {
      running = false;
      waker.wake();
      // An in-flight request may take its full timeout; its row is recovered on the next start.
      await Promise.race([Promise.all(workers), new Promise((r) => setTimeout(r, 2000).unref())]);
    },
    syncNow() {
      dueOwed = write('make_due', () => outbox.makeAllDue(), (n) => n > 0) === undefined;
      circuit.reset();
      void probe();
      waker.wake();
    },
    wake: () => waker.wake(),
    apiKnownDown: () => circuit.state() === 'open' || lastReached === false,
    async recheck(withinMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([probe({ recheck: true }), new Promise<void>((r) => (timer = setTimeout(r, withinMs)))]);
      clearTimeout(timer);
      return circuit.state() === 'closed' && lastReached === true;
    },
    status() {
      // Polled every few seconds by every screen's status strip: only the unfinished rows are
      // counted (index ranges), never the ever-growing accepted ones.
      const counts = outbox.activeCounts();
      return {
        online,
        circuit: circuit.state(),
        waiting: counts.queued,
        sending: counts.sending,
        needsAttention: counts.needs_attention,
        progress: inFlight > 0 || counts.sending > 0 ? { done: drained, total: drained + counts.queued + counts.sending } : null,
        lastContactAt,
      };
    },
  };
}
