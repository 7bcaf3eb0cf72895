import { describe, expect, it } from 'vitest';
import { buildBurstDetector } from '../../renderer/src/scan/scanner-bursts';

const payload = '066185000123||Nguyễn Thị Hồng Nhung|15031985|Nữ|Thôn 3, Đắk Lắk|10052021';

/** Feeds `text` with the given pause before each character; returns what Enter (or silence) yields. */
function type(text: string, gap: (i: number) => number, end: 'enter' | 'silence' = 'enter', endGap = 5): string | null {
  const d = buildBurstDetector();
  let t = 1000;
  [...text].forEach((ch, i) => {
    t += gap(i);
    d.add(ch, t);
  });
  return d.finish(t + endGap, end);
}

describe('telling a USB QR scanner from a person', () => {
  it('a scanner at a few milliseconds a character, ending in Enter, is a scan', () => {
    expect(type(payload, () => 4)).toBe(payload);
  });

  it('a stall of a busy kiosk in the middle does not split the scan', () => {
    expect(type(payload, (i) => (i % 20 === 10 ? 180 : 3))).toBe(payload);
  });

  it('a person typing, however quickly, is not', () => {
    expect(type('066185000123', () => 90)).toBeNull();
    expect(type('066185000123', (i) => (i % 2 ? 20 : 70))).toBeNull();
  });

  it('a short code is not a scan, nor is Enter long after the last character', () => {
    expect(type('12345', () => 3)).toBeNull();
    expect(type(payload, () => 3, 'enter', 400)).toBeNull();
  });

  it('without an Enter suffix, only a payload with "|" separators counts', () => {
    expect(type(payload, () => 3, 'silence')).toBe(payload);
    expect(type('https://dichvucong.daklak.gov.vn/', () => 3, 'silence')).toBeNull();
  });

  it('a long pause starts a new burst: keys typed earlier are not part of the scan', () => {
    const d = buildBurstDetector();
    d.add('x', 0);
    d.add('y', 100);
    [...payload].forEach((ch, i) => d.add(ch, 2000 + i * 3));
    expect(d.finish(2000 + payload.length * 3, 'enter')).toBe(payload);
  });
});
