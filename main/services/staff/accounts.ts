import type { StaffRole } from '../../../common/contract';
import type { KioskConfig } from '../../config/schema';
import { hashPin } from './pin-hash';

/** A person who works the counter (or looks after the kiosk), as the gate knows them. */
export interface StaffAccount {
  id: string;
  name: string;
  role: StaffRole;
  pinHash: string;
}

/**
 * DEMO mode's sample staff, listed in the README beside the demo citizens, so the clerk functions
 * can be tried. They exist only in demo mode and only when the config names no staff; their names
 * say they are samples.
 */
export const DEMO_STAFF = [
  { id: 'demo-lan', name: 'Nguyễn Thị Lan (mẫu)', role: 'clerk', pin: '246810' },
  { id: 'demo-quan', name: 'Trần Minh Quân (mẫu, CNTT)', role: 'it', pin: '135790' },
] as const;

export function staffAccountsFor(config: Pick<KioskConfig, 'staff'>, demo: boolean): StaffAccount[] {
  if (config.staff) return config.staff.map((a) => ({ ...a }));
  if (!demo) return [];
  // Hashed at start like any other account: the gate never compares plain PINs.
  return DEMO_STAFF.map(({ pin, ...a }) => ({ ...a, pinHash: hashPin(pin, { N: 4096 }) }));
}
