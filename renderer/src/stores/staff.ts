import { defineStore } from 'pinia';
import type { StaffView } from '../../../common/contract/staff';

/**
 * The counter staff's side of the screen: whether the clerk panel is open and who unlocked it.
 * Part of the visit like everything else: the citizen wipe closes the panel (and main locks the
 * staff session in visit.end), so the next citizen never finds it open.
 */
export const useStaffStore = defineStore('staff', {
  state: () => ({
    panelOpen: false,
    unlockedAs: null as StaffView | null,
  }),
});
