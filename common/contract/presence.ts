import { z } from 'zod';
import { defineMethods } from './guard';

/**
 * The screen tells the kiosk whether someone is using it: the start screen, or a visit in
 * progress. Nothing about who: the kiosk counts visits and waits for a quiet start screen before
 * installing an update.
 */
export const presenceContract = defineMethods({
  'kiosk.presence': {
    guard: 'public',
    input: z.object({ state: z.enum(['start', 'visit']) }).strict(),
    output: z.object({}).strict(),
  },
});
