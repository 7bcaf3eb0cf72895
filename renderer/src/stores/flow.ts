import { defineStore } from 'pinia';
import type { CitizenProfile, OtpChallenge } from '../../../common/domain/auth';
import { call } from '../api/client';
import { useKioskStore } from './kiosk';

export type Screen = 'start' | 'loginMethod' | 'loginAccount' | 'loginForm' | 'otp' | 'home';

/**
 * Where the citizen is and what they have told us. Held in memory only; `wipe` is the single
 * place that forgets a citizen (finish, idle timeout), so nothing can be left behind by a path
 * that forgot to clear one field.
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
    async wipe() {
      const generation = this.generation;
      this.$reset();
      this.generation = generation + 1;
      useKioskStore().resetForNextCitizen();
      await call('auth.logout', {});
    },
  },
});
