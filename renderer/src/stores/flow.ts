import { defineStore } from 'pinia';
import type { CitizenProfile, OtpChallenge } from '../../../common/domain/auth';
import type { VisitEndReason } from '../../../common/contract/kiosk';
import { citizenSession } from '../actions/auth';
import { endVisit } from '../actions/kiosk';
import { useKioskStore } from './kiosk';
import { resetVisitStores } from './visit-reset';

export type Screen =
  | 'start' | 'loginMethod' | 'loginAccount' | 'loginForm' | 'otp' | 'home'
  // "Đăng ký", "Quên mật khẩu", "Khiếu nại"; the OTP screen above serves them too.
  | 'registerType' | 'registerMethod' | 'registerForm' | 'accountExists' | 'complaint' | 'complaintDone'
  | 'forgotPassword' | 'newPassword' | 'verificationDone'
  // "Nộp hồ sơ": one screen whose steps live in stores/wizard.ts.
  | 'wizard'
  // Receipt and "Tra cứu hồ sơ" (the clerk area is not a screen of the flow: screens/clerk/).
  | 'receipt' | 'lookup';

/**
 * Where the citizen is: the screen, the way back, the OTP challenge under way, who logged in.
 * Memory only. What they typed lives in the other visit stores (wizard, verification, ...);
 * `wipe` is the one way a visit ends ("Kết thúc", idle, the backend session gone) and resets
 * all of them at once (stores/visit-reset.ts), so no path can leave one field behind.
 */
export const useFlowStore = defineStore('flow', {
  state: () => ({
    screen: 'start' as Screen,
    history: [] as Screen[],
    challenge: null as (OtpChallenge & { receivedAt: number }) | null,
    citizen: null as CitizenProfile | null,
    /** Bumped on every wipe so forms remount empty. */
    generation: 0,
  }),
  actions: {
    go(screen: Screen) {
      this.history.push(this.screen);
      this.screen = screen;
    },
    back() {
      this.screen = this.history.pop() ?? 'start';
    },
    setChallenge(c: OtpChallenge) {
      this.challenge = { ...c, receivedAt: Date.now() };
    },
    loggedIn(citizen: CitizenProfile) {
      this.citizen = citizen;
      this.challenge = null;
      this.history = [];
      this.screen = 'home';
    },
    /** Tells the backend the citizen is still here; if it already ended the session, start over. */
    async keepSessionAlive() {
      if (!this.citizen) return;
      const r = await citizenSession();
      if (r.ok && r.value.citizen === null && this.citizen) await this.wipe('session_ended');
    },
    /**
     * The citizen wipe ("Kết thúc", idle, the backend session gone): every store of the visit
     * back to its start (this one, the wizard, the receipt reference, the clerk area, ...), the
     * display choices reset, and main forgets the rest (sessions, staged files, demo phone).
     */
    async wipe(reason: VisitEndReason = 'finished') {
      const generation = this.generation;
      resetVisitStores();
      this.generation = generation + 1;
      useKioskStore().resetForNextCitizen();
      await endVisit(reason);
    },
  },
});
