/**
 * Whether a citizen is at the kiosk, as the screen reports it: the start screen (nobody, or
 * somebody who has not begun) or a visit in progress. The update policy installs only when the
 * start screen has been left alone for a while; the visit count is a number and nothing more.
 */
export type PresenceState = 'start' | 'visit';

export interface PresenceSnapshot {
  state: PresenceState;
  /** The last time the screen reported anything (a touch on the start screen counts). */
  lastActivityAt: number;
}

export interface Presence {
  /** The screen's report: leaving the start screen starts a visit; a touch keeps it lively. */
  report(state: PresenceState): void;
  snapshot(): PresenceSnapshot;
  /** Visits started since the kiosk started. */
  visits(): number;
}

export function buildPresence(deps: { now: () => number }): Presence {
  // At start the screen shows the start screen; a restart is not a touch.
  let state: PresenceState = 'start';
  let lastActivityAt = deps.now();
  let visits = 0;
  return {
    report(next) {
      if (state === 'start' && next === 'visit') visits += 1;
      state = next;
      lastActivityAt = deps.now();
    },
    snapshot: () => ({ state, lastActivityAt }),
    visits: () => visits,
  };
}
