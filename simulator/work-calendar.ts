import { createHash } from 'node:crypto';
import { WorkCalendarDataset } from '../common/domain/working-days';
import seed from './seed/work-calendar.json';

/**
 * The province's work calendar as the API serves it (GET /v1/catalog/work-calendar), from the
 * sample seed. Tests replace it (POST /__sim/work-calendar) as the province would publish a new
 * year's list, to check that kiosks pick it up by ETag and count with it.
 */
export interface SimWorkCalendar {
  served(): { etag: string; text: string };
  current(): WorkCalendarDataset;
  replace(next: WorkCalendarDataset): void;
  reset(): void;
}

export const seedWorkCalendar: WorkCalendarDataset = WorkCalendarDataset.parse({
  version: seed.version,
  sample: seed.sample,
  daysOff: seed.daysOff,
  extraWorkingDays: seed.extraWorkingDays,
});

export function buildSimWorkCalendar(): SimWorkCalendar {
  let current = seedWorkCalendar;
  return {
    served() {
      const text = JSON.stringify(current);
      return { etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`, text };
    },
    current: () => current,
    replace(next) {
      current = next;
    },
    reset() {
      current = seedWorkCalendar;
    },
  };
}
