import { z } from 'zod';
import { defineMethods } from './guard';
import { Empty } from './kiosk';

/**
 * Counter staff: each person unlocks with their own PIN (6–12 digits), which also says who they
 * are; the session ends when they lock it, after a few idle minutes, or with the citizen's visit.
 */
export const StaffView = z.object({ name: z.string(), role: z.enum(['clerk', 'it']) });
export type StaffView = z.infer<typeof StaffView>;

export const StaffAuditSummary = z.object({
  total: z.number().int().nonnegative(),
  firstAt: z.string().datetime().nullable(),
  byAction: z.array(z.object({ action: z.string(), ok: z.number().int().nonnegative(), refused: z.number().int().nonnegative() })),
  last: z.object({ at: z.string().datetime(), action: z.string(), outcome: z.string(), staffId: z.string().nullable() }).nullable(),
});
export type StaffAuditSummary = z.infer<typeof StaffAuditSummary>;

export const staffContract = defineMethods({
  'clerk.unlock': {
    guard: 'public',
    input: z.object({ pin: z.string().regex(/^\d{6,12}$/, 'clerkPin.format') }).strict(),
    output: z.object({ idleTimeoutSeconds: z.number().int().positive(), staff: StaffView }),
  },
  'clerk.lock': { guard: 'public', input: Empty, output: z.object({}) },
  /** Who is unlocked now, if anyone (a screen deciding whether to ask for the PIN). Not activity. */
  'clerk.session': { guard: 'public', input: Empty, output: z.object({ staff: StaffView.nullable() }) },
  /** The staff audit log in numbers: counts per action and the last event; nothing about citizens. */
  'it.staffAudit': { guard: 'it', input: Empty, output: StaffAuditSummary },
});
