import type { Logger } from '../../log';

/**
 * The end of one citizen's visit, on the backend's side: the one place that forgets everything the
 * next person at the kiosk must not see. The renderer ends a visit on "Kết thúc", on its idle
 * timeout and when it finds the backend session gone; the backend ends one itself when a citizen
 * session expires without the renderer saying so (a frozen or closed window).
 *
 * Each step runs even if an earlier one failed: a full disk that stops the staging wipe must not
 * leave the clerk session unlocked.
 */
export type VisitEndReason = 'finished' | 'idle' | 'session_ended' | 'session_expired' | 'start';

export interface VisitStep {
  /** For the log, when it fails. */
  name: string;
  run(): void | Promise<void>;
}

export interface Visit {
  end(reason: VisitEndReason): Promise<void>;
}

export function buildVisit(deps: { steps: readonly VisitStep[]; logger: Logger }): Visit {
  let running: Promise<void> = Promise.resolve();
  return {
    end(reason) {
      // One end at a time: two wipes racing (idle timeout and "Kết thúc") must not interleave.
      const next = running.then(async () => {
        for (const step of deps.steps) {
          try {
            await step.run();
          } catch (e) {
            deps.logger.warn('visit.step_failed', { step: step.name, error: e instanceof Error ? e.name : typeof e });
          }
        }
        deps.logger.info('visit.ended', { reason });
      });
      running = next.catch(() => undefined);
      return next;
    },
  };
}
