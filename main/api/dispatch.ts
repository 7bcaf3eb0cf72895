import type { z } from 'zod';
import {
  contract,
  guardAllows,
  isMethod,
  type Guard,
  type StaffRole,
  type CallResult,
  type Method,
  type MethodOutput,
  type MethodParsedInput,
} from '../../common/contract';
import { kioskError, type FieldIssue, type KioskError } from '../../common/errors';
import type { Result } from '../../common/result';
import type { Logger } from '../log';
import { isStorageFault } from '../store/storage-faults';
import type { StorageGuard } from '../store/storage-guard';

type Spec = { guard: Guard; input: z.ZodTypeAny; output: z.ZodTypeAny };

/** Implementations for one capability's slice of the contract. */
export type HandlersOf<C extends Record<string, Spec>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>) => Promise<Result<z.output<C[M]['output']>, KioskError>>;
};

/** The whole API: `Handlers` is checked against the contract, so a missing method fails to compile. */
export type Handlers = {
  [M in Method]: (input: MethodParsedInput<M>) => Promise<Result<MethodOutput<M>, KioskError>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<CallResult<Method>>;

/** Our own schemas carry locale keys as messages ("citizenId.length"); zod's defaults do not. */
const messageKey = /^[a-zA-Z]+\.[a-zA-Z_]+$/;

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.slice(0, 8),
    message: messageKey.test(i.message) ? i.message : 'generic.invalid',
  }));
}

/** Who is at the kiosk right now, as far as the guards are concerned. */
export interface CallerSessions {
  /** A citizen has logged in during this visit (and the session has not expired). */
  citizen(): boolean;
  /** The role of the unlocked staff session, or null; asking counts as staff activity. */
  staffRole(): StaffRole | null;
}

/** What a caller without the right session gets back: the UI asks them to log in or unlock. */
const refusal: Record<Exclude<Guard, 'public'>, KioskError> = {
  citizen: kioskError('session_expired'),
  clerk: kioskError('clerk_required'),
  it: kioskError('it_required'),
};

/**
 * The one gate every call passes, whichever transport carried it: known method, the method's guard
 * (before the input is parsed, so a caller without the session learns nothing from validation),
 * input valid against the contract, output valid against the contract, no exception text leaving
 * main.
 */
export function createDispatcher(handlers: Handlers, deps: { logger: Logger; sessions: CallerSessions; storage?: Pick<StorageGuard, 'fault'> }): Dispatch {
  const { logger, sessions } = deps;
  return async (method, input) => {
    if (!isMethod(method)) return { ok: false, error: kioskError('invalid_input') };
    const spec = contract[method];
    const guard: Guard = spec.guard;
    if (guard !== 'public') {
      const caller = { citizen: guard === 'citizen' && sessions.citizen(), staffRole: guard === 'citizen' ? null : sessions.staffRole() };
      if (!guardAllows(guard, caller)) {
        logger.info('call.refused', { method, guard });
        return { ok: false, error: refusal[guard] };
      }
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      logger.info('call.rejected', { method, issues: parsed.error.issues.length });
      return { ok: false, error: kioskError('invalid_input', { issues: toFieldIssues(parsed.error) }) };
    }
    try {
      const handler = handlers[method] as (i: unknown) => Promise<Result<unknown, KioskError>>;
      const result = await handler(parsed.data);
      if (!result.ok) return result;
      const out = (spec.output as z.ZodTypeAny).safeParse(result.value);
      if (!out.success) {
        logger.error('call.output_invalid', { method, issues: out.error.issues.length });
        return { ok: false, error: kioskError('internal') };
      }
      return { ok: true, value: out.data } as CallResult<Method>;
    } catch (e) {
      // The kiosk's own disk refused a write (full, failing): the UI says so plainly and the
      // status strip tells the clerk; it is not a bug in this method.
      if (deps.storage?.fault(e, method) ?? isStorageFault(e)) {
        logger.warn('call.storage_unavailable', { method });
        return { ok: false, error: kioskError('storage_unavailable') };
      }
      // The name only: messages can carry the data that caused them.
      logger.error('call.failed', { method, error: e instanceof Error ? e.name : typeof e });
      return { ok: false, error: kioskError('internal') };
    }
  };
}
