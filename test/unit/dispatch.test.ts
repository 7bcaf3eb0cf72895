import { describe, expect, it } from 'vitest';
import { contract, guards, methods, type Guard, type StaffRole } from '../../common/contract';
import { buildDispatcher, type Handlers } from '../../main/api/dispatch';
import { silentLogger } from '../../main/log';

/**
 * The guards are data in the contract, so these tests walk the contract itself: a method added
 * tomorrow is covered without anyone touching this file.
 */
type Session = { name: string; citizen: boolean; staffRole: StaffRole | null };
const sessions: Session[] = [
  { name: 'nobody', citizen: false, staffRole: null },
  { name: 'a citizen', citizen: true, staffRole: null },
  { name: 'a clerk', citizen: false, staffRole: 'clerk' },
  { name: 'IT staff', citizen: false, staffRole: 'it' },
  { name: 'a citizen with a clerk beside them', citizen: true, staffRole: 'clerk' },
];
const allowed: Record<Guard, (s: Session) => boolean> = {
  public: () => true,
  citizen: (s) => s.citizen,
  clerk: (s) => s.staffRole !== null,
  it: (s) => s.staffRole === 'it',
};
const refusedWith: Record<Exclude<Guard, 'public'>, string> = { citizen: 'session_expired', clerk: 'clerk_required', it: 'it_required' };

/** Handlers that only record that they ran (their output is not what is tested here). */
function recordingHandlers() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    methods.map((m) => [
      m,
      async () => {
        ran.push(m);
        return { ok: false, error: { code: 'not_found' } };
      },
    ]),
  ) as unknown as Handlers;
  return { ran, handlers };
}

describe('every method of the contract declares who may call it', () => {
  it.each(methods)('%s has one of the known guards', (method) => {
    expect(guards).toContain(contract[method].guard);
  });

  it('the staff and citizen methods that were once unguarded are guarded now', () => {
    for (const m of ['attachments.job', 'attachments.thumbnail', 'attachments.remove'] as const) expect(contract[m].guard).toBe('citizen');
    for (const m of methods.filter((x) => x.startsWith('clerk.') && !['clerk.unlock', 'clerk.lock', 'clerk.session'].includes(x))) expect(contract[m].guard).not.toBe('public');
  });
});

describe('the dispatcher enforces each method’s guard before anything else', () => {
  for (const session of sessions) {
    it(`for ${session.name}: runs exactly the methods the guards allow, refuses the rest without running them`, async () => {
      const { ran, handlers } = recordingHandlers();
      const dispatch = buildDispatcher(handlers, {
        logger: silentLogger,
        sessions: { citizen: () => session.citizen, staff: () => (session.staffRole ? { id: 'someone', role: session.staffRole } : null) },
      });
      for (const method of methods) {
        const guard = contract[method].guard;
        // Garbage input on purpose: a refused caller must get the refusal, not a validation error.
        const reply = await dispatch(method, { garbage: true });
        if (allowed[guard](session)) {
          expect(reply, method).not.toMatchObject({ error: { code: expect.stringMatching(/_required$|^session_expired$/) } });
        } else {
          expect(reply, method).toEqual({ ok: false, error: { code: refusedWith[guard as Exclude<Guard, 'public'>] } });
          expect(ran, method).not.toContain(method);
        }
      }
    });
  }
});

describe('the staff audit hook', () => {
  it('hears every call of every staff method (from the contract), with who, the outcome and a validated subject', async () => {
    const { handlers } = recordingHandlers();
    const heard: Array<{ method: string; staff: { id: string }; outcome: string; subject: string | null }> = [];
    const dispatch = buildDispatcher(handlers, {
      logger: silentLogger,
      sessions: { citizen: () => true, staff: () => ({ id: 'quan', role: 'it' }) },
      onStaffCall: (c) => heard.push(c),
    });
    const staffMethods = methods.filter((m) => contract[m].guard === 'clerk' || contract[m].guard === 'it');
    for (const m of methods) await dispatch(m, { localRef: 'DL-KIOSK-1-261201-0001' });
    expect(heard.map((h) => h.method).sort()).toEqual([...staffMethods].sort());
    for (const h of heard) {
      expect(h.staff.id).toBe('quan');
      // A method whose input has a localRef names it; one that refused the input names nothing.
      expect(h.subject === null || h.subject === 'DL-KIOSK-1-261201-0001').toBe(true);
      if (h.outcome === 'invalid_input') expect(h.subject).toBeNull();
    }
    expect(heard.find((h) => h.method === 'clerk.outbox.retry')).toMatchObject({ outcome: 'not_found', subject: 'DL-KIOSK-1-261201-0001' });
  });
});
