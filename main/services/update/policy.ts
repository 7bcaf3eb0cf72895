/**
 * "Install the downloaded update now?" — decided here, and nowhere else, from plain facts, so it
 * can be tested over every combination. An update restarts the kiosk: it must never happen while
 * a citizen (or a clerk) is using it, nor while a dossier is on its way to the API. Two ways to
 * find a quiet moment, chosen by IT:
 * - no maintenance window: the start screen has been left alone for `idleMinutes`;
 * - a maintenance window ("22:00"–"05:00", Vietnam time): only inside it, and only once the start
 *   screen has been quiet for a minute (someone may be at the kiosk after hours too).
 */
export interface MaintenanceWindow {
  /** Minutes after midnight, Vietnam time (UTC+7, no daylight saving). */
  startMinute: number;
  endMinute: number;
}

export interface InstallFacts {
  now: number;
  /** A newer version is downloaded and its signature checked (electron-updater's update-downloaded). */
  downloaded: boolean;
  /** What the screen last reported, and when anyone last touched it. */
  screen: { state: 'start' | 'visit'; lastActivityAt: number };
  citizenSession: boolean;
  staffSession: boolean;
  /** Outbox rows being sent, and requests the sync engine has in flight. */
  delivering: number;
  idleMinutes: number;
  window: MaintenanceWindow | null;
}

export type WaitReason =
  | 'nothing_downloaded'
  | 'visit_in_progress'
  | 'citizen_session'
  | 'staff_session'
  | 'delivering'
  | 'recently_touched'
  | 'outside_window';

export type InstallDecision = { install: true; reason: 'idle' | 'maintenance_window' } | { install: false; reason: WaitReason };

const VIETNAM_OFFSET_MINUTES = 7 * 60;
/** Inside a window the start screen still has to be quiet this long. */
export const WINDOW_QUIET_MINUTES = 1;

/** Minute of the day in Vietnam for a Unix time in ms. */
export function vietnamMinuteOfDay(ms: number): number {
  const minutes = Math.floor(ms / 60_000) + VIETNAM_OFFSET_MINUTES;
  return ((minutes % 1440) + 1440) % 1440;
}

/** Whether `minute` falls in [start, end), a window that may run past midnight. Equal ends: empty. */
export function inWindow(minute: number, w: MaintenanceWindow): boolean {
  if (w.startMinute === w.endMinute) return false;
  return w.startMinute < w.endMinute
    ? minute >= w.startMinute && minute < w.endMinute
    : minute >= w.startMinute || minute < w.endMinute;
}

/** "HH:MM" (24 h) → minutes after midnight; null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function decideInstall(f: InstallFacts): InstallDecision {
  if (!f.downloaded) return { install: false, reason: 'nothing_downloaded' };
  // The order says the most important reason first: a person at the kiosk, then the outbox.
  if (f.screen.state === 'visit') return { install: false, reason: 'visit_in_progress' };
  if (f.citizenSession) return { install: false, reason: 'citizen_session' };
  if (f.staffSession) return { install: false, reason: 'staff_session' };
  if (f.delivering > 0) return { install: false, reason: 'delivering' };
  const quietMinutes = (f.now - f.screen.lastActivityAt) / 60_000;
  if (f.window) {
    if (!inWindow(vietnamMinuteOfDay(f.now), f.window)) return { install: false, reason: 'outside_window' };
    return quietMinutes >= WINDOW_QUIET_MINUTES
      ? { install: true, reason: 'maintenance_window' }
      : { install: false, reason: 'recently_touched' };
  }
  return quietMinutes >= f.idleMinutes ? { install: true, reason: 'idle' } : { install: false, reason: 'recently_touched' };
}
