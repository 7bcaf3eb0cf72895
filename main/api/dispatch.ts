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
import { kioskError, toFieldIssues, type KioskError } from '../../common/errors';
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

/** Who is at the kiosk right now, as far as the guards are concerned. */
export interface CallerSessions {
  /** A citizen has logged in during this visit (and the session has not expired). */
  citizen(): boolean;
  /** The unlocked staff session, or null; asking counts as staff activity. */
  staff(): { id: string; role: StaffRole } | null;
}

/** A staff method was called: for the audit log (what, by whom, on what, how it ended). */
export interface StaffCall {
  method: Method;
  staff: { id: string; role: StaffRole };
  outcome: string;
  /** What it acted on: a local reference or a print job id from the input, never citizen data. */
  subject: string | null;
}

function subjectOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = input as Record<string, unknown>;
  for (const key of ['localRef', 'jobId']) {
    const v = fields[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return null;
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
export function buildDispatcher(
  handlers: Handlers,
  deps: { logger: Logger; sessions: CallerSessions; storage?: Pick<StorageGuard, 'fault'>; onStaffCall?: (call: StaffCall) => void },
): Dispatch {
  const { logger, sessions } = deps;
  const run = dispatchChecked(handlers, deps);
  return async (method, input) => {
    if (!isMethod(method)) return { ok: false, error: kioskError('invalid_input') };
    const guard: Guard = contract[method].guard;
    if (guard === 'public') return run(method, input);
    const staff = guard === 'citizen' ? null : sessions.staff();
    if (!guardAllows(guard, { citizen: guard === 'citizen' && sessions.citizen(), staffRole: staff?.role ?? null })) {
      logger.info('call.refused', { method, guard });
      return { ok: false, error: refusal[guard] };
    }
    const result = await run(method, input);
    // Every staff method is audited here, so a new one cannot forget to be.
    if (staff && deps.onStaffCall) {
      const outcome = result.ok ? 'ok' : result.error.code;
      // Only an input the contract accepted names a subject (a local reference, a job id).
      deps.onStaffCall({ method, staff, outcome, subject: outcome === 'invalid_input' ? null : subjectOf(input) });
    }
    return result;
  };
}

/** Input valid against the contract, the handler, output valid against the contract. */
function dispatchChecked(handlers: Handlers, deps: { logger: Logger; storage?: Pick<StorageGuard, 'fault'> }) {
  const { logger } = deps;
  return async (method: Method, input: unknown): Promise<CallResult<Method>> => {
    const spec = contract[method];
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
