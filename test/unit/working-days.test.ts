import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workCalendar } from '../../common/domain/working-days';

// Tết Bính Ngọ 2026 as a province would enter it: the weekdays of the break, and a Saturday
// worked to make up for a bridge day. (Example dates for the test, not an official notice.)
const tet = workCalendar({ daysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], extraWorkingDays: ['2026-01-10'] });

describe('expected result date', () => {
  it('counts Monday to Friday after the day received, in Vietnam time', () => {
    expect(addWorkingDays('2026-11-27T03:00:00Z', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-23T03:00:00Z', 5)).toBe('2026-11-30');
    // 20:00 UTC on Thursday is 03:00 on Friday in Đắk Lắk: the count starts from Friday.
    expect(addWorkingDays('2026-11-26T20:00:00Z', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27T03:00:00Z', 0)).toBe('2026-11-27');
  });

  it('skips the days off IT entered and counts a make-up Saturday', () => {
    // Received Thursday 12/2: Friday 13/2 is day 1, the Tết week is off, Monday 23/2 is day 2.
    expect(addWorkingDays('2026-02-12T03:00:00Z', 2, tet)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-12T03:00:00Z', 3, tet)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-12T03:00:00Z', 3)).toBe('2026-02-17');
    // Friday 9/1 + 1 working day is Saturday 10/1 when that Saturday is worked.
    expect(addWorkingDays('2026-01-09T03:00:00Z', 1, tet)).toBe('2026-01-10');
    expect(isWorkingDay('2026-01-10', tet)).toBe(true);
    expect(isWorkingDay('2026-02-18', tet)).toBe(false);
  });

  it('always lands on a working day after the day received, never sooner than the weekdays-only count', () => {
    const day = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (received, days) => {
        const iso = received.toISOString();
        const plain = addWorkingDays(iso, days);
        const withTet = addWorkingDays(iso, days, tet);
        const holidaysOnly = addWorkingDays(iso, days, workCalendar({ daysOff: [...tet.daysOff], extraWorkingDays: [] }));
        expect(isWorkingDay(plain)).toBe(true);
        expect(isWorkingDay(withTet, tet)).toBe(true);
        expect(withTet > new Date(received.getTime() + 7 * 3600_000).toISOString().slice(0, 10)).toBe(true);
        // Days off only ever push the date later.
        expect(holidaysOnly >= plain).toBe(true);
      }),
    );
  });
});
