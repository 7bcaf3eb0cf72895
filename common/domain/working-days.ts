import { z } from 'zod';

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

/** A calendar day, yyyy-mm-dd, that exists. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a real date',
  );

/**
 * The province's work calendar as the provincial API serves it (GET /v1/catalog/work-calendar):
 * one list for every kiosk, cached like the other catalogs, so IT no longer types each year's
 * holidays into every kiosk's config.
 */
export const WorkCalendarDataset = z
  .object({
    version: z.string().min(1).max(64),
    /** True for the simulator's sample calendar (demo and tests). */
    sample: z.boolean().optional(),
    daysOff: z.array(IsoDay).max(4000),
    extraWorkingDays: z.array(IsoDay).max(1000),
  })
  .strict();
export type WorkCalendarDataset = z.infer<typeof WorkCalendarDataset>;

/**
 * The calendar a kiosk counts with: the province's (from the API) with the kiosk's own config on
 * top. The config wins where they disagree — a day IT lists as worked is worked even if the
 * province's list has it off, and the other way round — so a local decision (a commune's own
 * make-up Saturday) needs no change at the province.
 */
export function mergeWorkCalendars(
  province: { daysOff: readonly string[]; extraWorkingDays: readonly string[] } | undefined,
  local: { daysOff: readonly string[]; extraWorkingDays: readonly string[] },
): WorkCalendar {
  const daysOff = new Set(province?.daysOff ?? []);
  const extra = new Set(province?.extraWorkingDays ?? []);
  for (const d of local.daysOff) {
    daysOff.add(d);
    extra.delete(d);
  }
  for (const d of local.extraWorkingDays) {
    extra.add(d);
    daysOff.delete(d);
  }
  return { daysOff, extraWorkingDays: extra };
}

/**
 * A WorkCalendar that always counts with the newest cached province calendar (it is refreshed in
 * the background) merged with the local one; merged again only when the cached copy changes.
 */
export function liveWorkCalendar(deps: {
  province: () => WorkCalendarDataset | undefined;
  local: { daysOff: readonly string[]; extraWorkingDays: readonly string[] };
}): WorkCalendar {
  let memo: { of: WorkCalendarDataset | undefined; merged: WorkCalendar } | null = null;
  const current = () => {
    const province = deps.province();
    if (!memo || memo.of !== province) memo = { of: province, merged: mergeWorkCalendars(province, deps.local) };
    return memo.merged;
  };
  return {
    get daysOff() {
      return current().daysOff;
    },
    get extraWorkingDays() {
      return current().extraWorkingDays;
    },
  };
}
