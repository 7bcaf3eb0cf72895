import type { StaffRole } from '../../../common/contract';
import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { staffAccountsFor } from './accounts';
import { buildAuditRepository } from './audit';
import { buildStaffGate } from './gate';
import { buildLockoutRepository } from './lockout';

/** Wires the staff accounts (config, or DEMO mode's samples), the persisted lockout and the audit log. */
export function startStaff(deps: { config: Pick<KioskConfig, 'staff'>; db: Db; demo: boolean; logger: Logger; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const accounts = staffAccountsFor(deps.config, deps.demo);
  if (accounts.length === 0) deps.logger.warn('staff.none_configured', { hint: 'add accounts under "staff" with kiosk-admin staff-add' });
  const audit = buildAuditRepository(deps.db);
  const gate = buildStaffGate({ accounts, lockout: buildLockoutRepository(deps.db), audit, now, logger: deps.logger });

  /** For the dispatcher: one audit entry per staff method called. */
  function onStaffCall(call: { method: string; staff: { id: string; role: StaffRole }; outcome: string; subject: string | null }) {
    try {
      audit.append({ at: now(), staffId: call.staff.id, staffRole: call.staff.role, action: call.method, outcome: call.outcome, subject: call.subject });
    } catch (e) {
      deps.logger.warn('staff.audit_failed', { action: call.method, error: e instanceof Error ? e.name : typeof e });
    }
  }
  return { gate, audit, onStaffCall };
}
