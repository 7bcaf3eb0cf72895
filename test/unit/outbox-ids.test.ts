import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalRef, kioskDay, uuidv7 } from '../../main/services/outbox/ids';

describe('UUIDv7 idempotency keys', () => {
  it('carry version 7, the RFC variant and the time, and sort by time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 10 ** 6 }), (t, dt) => {
        const a = uuidv7(t);
        const b = uuidv7(t + dt);
        expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
        expect(a < b).toBe(true);
      }),
    );
    expect(uuidv7(1)).not.toBe(uuidv7(1));
  });
});

describe('local references', () => {
  it('read DL-<kiosk>-<Vietnam day>-NNNN', () => {
    // 2025-03-14 18:30 UTC is already 15 March in Đắk Lắk.
    expect(kioskDay(Date.UTC(2025, 2, 14, 18, 30))).toBe('250315');
    expect(formatLocalRef('dossier', 'Kiosk_01', '250315', 7)).toBe('DL-KIOSK-01-250315-0007');
    expect(formatLocalRef('complaint', 'K1', '250315', 12345)).toBe('KN-K1-250315-12345');
  });
});
