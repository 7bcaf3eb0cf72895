import { defineStore } from 'pinia';

/**
 * Which dossier's receipt the receipt screen shows. Only the reference is kept here; the receipt
 * itself (with the applicant's name) lives in the screen while it is open and goes with it.
 */
export const useReceiptStore = defineStore('receipt', {
  state: () => ({ localRef: null as string | null }),
});
