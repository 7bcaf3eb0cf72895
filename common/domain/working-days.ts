/**
 * The expected result date a citizen is told: `days` working days (Monday–Friday) after the day
 * the dossier was received, counted in Vietnam's time zone. Public holidays are not known to the
 * kiosk, so the screen calls it an estimate; the agency's receipt has the binding date.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function addWorkingDays(receivedAt: string, days: number): string {
  const local = new Date(Date.parse(receivedAt) + VIETNAM_OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
