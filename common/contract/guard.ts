import type { z } from 'zod';

/**
 * Who may call a method of the kiosk API. Declared beside each method's schemas and enforced by
 * the one dispatcher in main before the input is even parsed, so a method cannot be added without
 * saying who it is for, and no handler has to remember to check:
 * - `public`: anyone at the screen (the start screen's choices, logging in, the status strip);
 * - `citizen`: a citizen who has logged in during this visit;
 * - `clerk`: counter staff who unlocked with their own PIN (an IT account may do what a clerk does);
 * - `it`: staff whose account has the IT role.
 */
export const guards = ['public', 'citizen', 'clerk', 'it'] as const;
export type Guard = (typeof guards)[number];

export type StaffRole = 'clerk' | 'it';

export interface MethodSpec {
  guard: Guard;
  input: z.ZodTypeAny;
  output: z.ZodTypeAny;
}

/** One capability's methods; the compiler refuses a method without a guard. */
export function defineMethods<const T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}

/** Whether a caller with this session may call a method with this guard. */
export function guardAllows(guard: Guard, session: { citizen: boolean; staffRole: StaffRole | null }): boolean {
  switch (guard) {
    case 'public':
      return true;
    case 'citizen':
      return session.citizen;
    case 'clerk':
      return session.staffRole !== null;
    case 'it':
      return session.staffRole === 'it';
  }
}
