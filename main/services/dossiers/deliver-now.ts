import type { Outbox } from '../outbox/outbox';
import type { SyncEngine } from '../sync/engine';
import type { DeliverNow } from './submit';

/**
 * Waits for the sync engine (woken by the enqueue) to deliver this dossier, so the citizen can
 * leave with the API's dossier code. The dossier is stored before this is asked, so giving up
 * loses nothing: it is sent later and the citizen keeps the kiosk's own reference. Therefore it
 * gives up as soon as waiting is pointless — when the API is known to be down (circuit open, the
 * last health check or delivery could not reach it: a pulled cable makes every request wait for
 * its timeout) and one quick health check (`recheckMs`) does not say otherwise, and when the
 * first attempt failed — rather than keep the citizen standing at "Nộp hồ sơ" for an answer that
 * will not come. The quick check is there so that one probe lost on a busy link does not cost a
 * citizen the API's code while the API is back.
 */
export function deliverNowVia(
  outbox: Pick<Outbox, 'get'>,
  sync: Pick<SyncEngine, 'wake' | 'apiKnownDown' | 'recheck'>,
  opts: { recheckMs?: number; pollMs?: number } = {},
): DeliverNow {
  const recheckMs = opts.recheckMs ?? 1000;
  const pollMs = opts.pollMs ?? 100;
  return async (localRef, { timeoutMs }) => {
    if (sync.apiKnownDown() && !(await sync.recheck(recheckMs))) return null;
    sync.wake();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const item = outbox.get(localRef);
      if (!item) return null;
      if (item.state === 'accepted' && item.remoteCode) {
        return { dossierCode: item.remoteCode, receivedAt: new Date(item.acceptedAt ?? Date.now()).toISOString() };
      }
      if (item.state === 'needs_attention' || (item.state === 'queued' && item.attempts > 0)) return null;
      // The API went away meanwhile (another delivery or the health check found out).
      if (sync.apiKnownDown()) return null;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return null;
  };
}
