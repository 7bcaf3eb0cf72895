/**
 * The expected result date a citizen is told: `days` working days after the day the dossier was
 * received, counted in Vietnam's time zone. Working days are Monday–Friday, minus the days off IT
 * enters each year from the government's notice (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh and
 * their compensatory days), plus any Saturday declared a make-up working day ("làm bù"). Without
 * that list the date is only an estimate, which is why the screen calls it one; the agency's own
 * receipt has the binding date.
 */
export interface WorkCalendar {
  /** ISO dates (yyyy-mm-dd) that are not worked although they fall on a weekday. */
  readonly daysOff: ReadonlySet<string>;
  /** ISO dates worked although they fall on a weekend. */
  readonly extraWorkingDays: ReadonlySet<string>;
}

export const weekdaysOnly: WorkCalendar = { daysOff: new Set(), extraWorkingDays: new Set() };

export function workCalendar(c: { daysOff: readonly string[]; extraWorkingDays: readonly string[] }): WorkCalendar {
  return { daysOff: new Set(c.daysOff), extraWorkingDays: new Set(c.extraWorkingDays) };
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function isWorkingDay(isoDate: string, calendar: WorkCalendar = weekdaysOnly): boolean {
  if (calendar.extraWorkingDays.has(isoDate)) return true;
  if (calendar.daysOff.has(isoDate)) return false;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function addWorkingDays(receivedAt: string, days: number, calendar: WorkCalendar = weekdaysOnly): string {
  const local = new Date(Date.parse(receivedAt) + VIETNAM_OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  let left = days;
  // A calendar that declares years of days off cannot loop forever: give up after ten years.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d.toISOString().slice(0, 10), calendar)) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
