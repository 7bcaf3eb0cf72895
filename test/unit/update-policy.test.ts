import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideInstall, inWindow, parseClock, vietnamMinuteOfDay, type InstallFacts } from '../../main/services/update/policy';

const MIN = 60_000;
const day = Date.parse('2027-03-01T00:00:00+07:00');

const facts = fc.record({
  now: fc.integer({ min: day, max: day + 30 * 1440 * MIN }),
  downloaded: fc.boolean(),
  screen: fc.record({
    state: fc.constantFrom<'start' | 'visit'>('start', 'visit'),
    quietMinutes: fc.double({ min: 0, max: 600, noNaN: true }),
  }),
  citizenSession: fc.boolean(),
  staffSession: fc.boolean(),
  delivering: fc.nat({ max: 3 }),
  idleMinutes: fc.integer({ min: 1, max: 120 }),
  window: fc.option(fc.record({ startMinute: fc.integer({ min: 0, max: 1439 }), endMinute: fc.integer({ min: 0, max: 1439 }) }), {
    nil: null,
  }),
});
type RawFacts = typeof facts extends fc.Arbitrary<infer T> ? T : never;
const toFacts = (f: RawFacts): InstallFacts => ({
  ...f,
  screen: { state: f.screen.state, lastActivityAt: f.now - f.screen.quietMinutes * MIN },
});

describe('update install policy', () => {
  it('never installs while someone uses the kiosk or a dossier is being sent', () => {
    fc.assert(
      fc.property(facts, (raw) => {
        const f = toFacts(raw);
        const busy = f.screen.state === 'visit' || f.citizenSession || f.staffSession || f.delivering > 0 || !f.downloaded;
        if (busy) expect(decideInstall(f).install).toBe(false);
      }),
    );
  });

  it('without a window: installs exactly when everything is quiet and the start screen was left alone long enough', () => {
    fc.assert(
      fc.property(facts, (raw) => {
        const f = { ...toFacts(raw), window: null };
        const quiet = f.downloaded && f.screen.state === 'start' && !f.citizenSession && !f.staffSession && f.delivering === 0;
        const longEnough = raw.screen.quietMinutes >= f.idleMinutes;
        expect(decideInstall(f)).toEqual(
          quiet && longEnough ? { install: true, reason: 'idle' } : expect.objectContaining({ install: false }),
        );
      }),
    );
  });

  it('with a window: never outside it however long the kiosk was idle, and inside it once quiet for a minute', () => {
    fc.assert(
      fc.property(facts, (raw) => {
        const f = toFacts(raw);
        if (!f.window) return;
        const quiet = f.downloaded && f.screen.state === 'start' && !f.citizenSession && !f.staffSession && f.delivering === 0;
        const inside = inWindow(vietnamMinuteOfDay(f.now), f.window);
        const decision = decideInstall(f);
        if (quiet && !inside) expect(decision).toEqual({ install: false, reason: 'outside_window' });
        expect(decision.install).toBe(quiet && inside && raw.screen.quietMinutes >= 1);
      }),
    );
  });

  it('waiting longer never turns a yes into a no (same facts, a later moment, no touch since)', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 600 }), (raw, extraMinutes) => {
        const f = { ...toFacts(raw), window: null };
        const later = { ...f, now: f.now + extraMinutes * MIN };
        if (decideInstall(f).install) expect(decideInstall(later).install).toBe(true);
      }),
    );
  });

  it('says why it waits, the person first', () => {
    const base: InstallFacts = {
      now: day + 12 * 60 * MIN,
      downloaded: true,
      screen: { state: 'visit', lastActivityAt: day },
      citizenSession: true,
      staffSession: true,
      delivering: 2,
      idleMinutes: 10,
      window: null,
    };
    expect(decideInstall(base).reason).toBe('visit_in_progress');
    expect(decideInstall({ ...base, screen: { state: 'start', lastActivityAt: day } }).reason).toBe('citizen_session');
    expect(
      decideInstall({ ...base, screen: { state: 'start', lastActivityAt: day }, citizenSession: false, staffSession: false })
        .reason,
    ).toBe('delivering');
    expect(decideInstall({ ...base, downloaded: false }).reason).toBe('nothing_downloaded');
  });

  it('a window that runs past midnight (22:00–05:00) holds 23:30 and 04:59, not 05:00 or 12:00, in Vietnam time', () => {
    const w = { startMinute: parseClock('22:00')!, endMinute: parseClock('05:00')! };
    const at = (hhmm: string) => vietnamMinuteOfDay(Date.parse(`2027-03-02T${hhmm}:00+07:00`));
    expect(inWindow(at('23:30'), w)).toBe(true);
    expect(inWindow(at('04:59'), w)).toBe(true);
    expect(inWindow(at('05:00'), w)).toBe(false);
    expect(inWindow(at('12:00'), w)).toBe(false);
    const quiet: InstallFacts = {
      now: Date.parse('2027-03-02T23:30:00+07:00'),
      downloaded: true,
      screen: { state: 'start', lastActivityAt: Date.parse('2027-03-02T23:28:00+07:00') },
      citizenSession: false,
      staffSession: false,
      delivering: 0,
      idleMinutes: 60,
      window: w,
    };
    expect(decideInstall(quiet)).toEqual({ install: true, reason: 'maintenance_window' });
    expect(decideInstall({ ...quiet, screen: { ...quiet.screen, lastActivityAt: quiet.now - 10_000 } })).toEqual({
      install: false,
      reason: 'recently_touched',
    });
  });

  it('inWindow agrees with counting the minutes of the window one by one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        (s, e, m) => {
          const members = new Set<number>();
          for (let x = s; x !== e; x = (x + 1) % 1440) members.add(x);
          expect(inWindow(m, { startMinute: s, endMinute: e })).toBe(members.has(m));
        },
      ),
    );
  });

  it('reads HH:MM and refuses anything else', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['24:00', '7:00', '12:60', '12-00', '']) expect(parseClock(bad)).toBeNull();
  });
});

describe('update configuration', () => {
  it('defaults to the stable channel and refuses a window written any other way than HH:MM', async () => {
    const { UpdateConfig } = await import('../../main/config/schema');
    expect(UpdateConfig.parse({ url: 'https://u.example.vn/k' })).toMatchObject({ channel: 'stable', idleMinutes: 10 });
    expect(
      UpdateConfig.safeParse({ url: 'https://u.example.vn/k', maintenanceWindow: { start: '22:00', end: '5:00' } }).success,
    ).toBe(false);
    expect(UpdateConfig.safeParse({ url: 'https://u.example.vn/k', channel: 'beta' }).success).toBe(false);
    expect(UpdateConfig.safeParse({ url: 'ftp://u.example.vn/k' }).success).toBe(false);
  });
});
