import { hashPin } from '../../main/services/staff/pin-hash';

/** Staff accounts for a test kiosk's config, as IT would write them with `kiosk-admin staff-add`. */
export interface TestStaff {
  id: string;
  name: string;
  role: 'clerk' | 'it';
  pin: string;
}

export const TEST_CLERK: TestStaff = { id: 'lan', name: 'Nguyễn Thị Lan', role: 'clerk', pin: '135790' };
/** Looks after the kiosk: the IT screen (diagnostics, test print, enrolment, log export). */
export const TEST_IT: TestStaff = { id: 'quan', name: 'Trần Minh Quân', role: 'it', pin: '975310' };

export function staffConfig(people: readonly TestStaff[] = [TEST_CLERK]) {
  // A cheaper scrypt than production's: the test kiosk checks every account on every unlock.
  return people.map(({ pin, ...a }) => ({ ...a, pinHash: hashPin(pin, { N: 1024 }) }));
}
