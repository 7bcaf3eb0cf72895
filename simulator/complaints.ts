import type { ComplaintReceipt, ComplaintRequest } from '../common/provincial/registration-schemas';
import type { SimClock } from './clock';

/**
 * Complaints received ("khiếu nại": someone holds an account under my ID). Exactly once per
 * idempotency key: a kiosk that resends after a lost answer gets the first receipt back.
 */
export interface ComplaintLedger {
  receive(req: ComplaintRequest): { created: boolean; receipt: ComplaintReceipt };
  list(): Array<ComplaintRequest & ComplaintReceipt>;
  reset(): void;
}

export function buildComplaintLedger(clock: SimClock): ComplaintLedger {
  let byKey = new Map<string, ComplaintRequest & ComplaintReceipt>();
  return {
    receive(req) {
      const first = byKey.get(req.idempotencyKey);
      if (first) return { created: false, receipt: { complaintId: first.complaintId, receivedAt: first.receivedAt } };
      const receipt = { complaintId: `KN-${String(byKey.size + 1).padStart(6, '0')}`, receivedAt: clock.now().toISOString() };
      byKey.set(req.idempotencyKey, { ...req, ...receipt });
      return { created: true, receipt };
    },
    list: () => [...byKey.values()],
    reset() {
      byKey = new Map();
    },
  };
}
