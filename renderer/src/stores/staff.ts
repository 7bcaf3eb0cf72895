import { defineStore } from 'pinia';
import type { StaffView } from '../../../common/contract/staff';

/** The parts of the clerk area (screens/clerk/): the outbox, the printed receipts, and IT's diagnostics (an IT account only). */
export type ClerkSection = 'outbox' | 'receipts' | 'it';

/**
 * The counter staff's side of the screen: whether the clerk area is open (and at which part) and
 * who unlocked it. Part of the visit like everything else: the citizen wipe closes the area (and
 * main locks the staff session in visit.end), so the next citizen never finds it open.
 */
export const useStaffStore = defineStore('staff', {
  state: () => ({
    area: null as ClerkSection | null,
    unlockedAs: null as StaffView | null,
  }),
  actions: {
    open(section: ClerkSection) {
      this.area = section;
    },
  },
});
