import { ok } from '../../common/result';
import type { staffContract } from '../../common/contract/staff';
import type { AuditRepository } from '../services/staff/audit';
import type { StaffGate } from '../services/staff/gate';
import type { HandlersOf } from './dispatch';

/** Staff unlock and lock (each with their own PIN), and the audit log's numbers for IT. */
export function buildStaffApi(deps: { gate: StaffGate; audit: Pick<AuditRepository, 'summary'> }): HandlersOf<typeof staffContract> {
  const { gate } = deps;
  return {
    'clerk.unlock': ({ pin }) => gate.unlock(pin),
    'clerk.lock': async () => {
      gate.lock();
      return ok({});
    },
    'clerk.session': async () => {
      const s = gate.peek();
      return ok({ staff: s ? { name: s.name, role: s.role } : null });
    },
    'it.staffAudit': async () => ok(deps.audit.summary()),
  };
}
