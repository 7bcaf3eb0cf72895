import type { CallResult, Method } from '../../../common/contract';
import type { OutboxStateName } from '../../../common/contract/outbox';
import { call } from '../api/client';
import { useStaffStore } from '../stores/staff';

/**
 * The counter staff's side: the PIN unlock, the outbox and the receipt print jobs behind it.
 * Who is unlocked lives in the staff store and is kept true here, by every clerk call: an unlock
 * sets it, a lock clears it, and an answer `clerk_required` or `it_required` (the staff session
 * timed out, or the visit ended) clears it too, so every clerk view asks for the PIN again.
 */
async function asClerk<M extends Method>(pending: Promise<CallResult<M>>): Promise<CallResult<M>> {
  const r = await pending;
  if (!r.ok && (r.error.code === 'clerk_required' || r.error.code === 'it_required')) useStaffStore().unlockedAs = null;
  return r;
}

/** Who is unlocked now, if anyone. Asking is not staff activity: it does not keep a session alive. */
export async function clerkSession() {
  const r = await call('clerk.session', {});
  useStaffStore().unlockedAs = r.ok ? r.value.staff : null;
  return r;
}

export async function unlockClerk(pin: string) {
  const r = await call('clerk.unlock', { pin });
  if (r.ok) useStaffStore().unlockedAs = r.value.staff;
  return r;
}

export async function lockClerk() {
  const r = await call('clerk.lock', {});
  useStaffStore().unlockedAs = null;
  return r;
}

export const outboxEntries = (state: OutboxStateName | null, beforeId: number | null) =>
  asClerk(call('clerk.outbox.list', { state, limit: 20, beforeId }));

export const outboxHistory = (localRef: string) => asClerk(call('clerk.outbox.history', { localRef }));

/** "Gửi lại": one submission that needs attention goes back in the queue. */
export const retryOutboxEntry = (localRef: string) => asClerk(call('clerk.outbox.retry', { localRef }));

/** "Gửi ngay": the queue is tried now rather than at its next scheduled attempt. */
export const syncNow = () => asClerk(call('clerk.syncNow', {}));

export const receiptJobs = () => asClerk(call('clerk.receipts.list', {}));

/** "In lại" for a failed job, or a copy of any receipt. */
export const retryReceiptJob = (jobId: number) => asClerk(call('clerk.receipts.retry', { jobId }));
export const reprintReceipt = (jobId: number) => asClerk(call('clerk.receipts.reprint', { jobId }));

/** IT's diagnostics screen (ItDiagnostics.vue): behind an IT account, the same session as the clerk's. */
export const itDiagnostics = () => asClerk(call('it.diagnostics', {}));
export const itTestPrint = () => asClerk(call('it.testPrint', {}));
export const itEnrol = (code: string) => asClerk(call('it.enrol', { code }));
export const itExportLogs = (folder: string | null) => asClerk(call('it.exportLogs', { folder }));
