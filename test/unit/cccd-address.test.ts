import { describe, expect, it } from 'vitest';
import type { Commune } from '../../common/domain/admin-units';
import { readCardAddress } from '../../common/input/cccd-address';

const communes: Commune[] = [
  { code: '24175', name: 'Xã Hòa Phú', type: 'xã' },
  { code: '24133', name: 'Phường Buôn Ma Thuột', type: 'phường' },
  { code: '24999', name: "Xã Cư M'gar", type: 'xã' },
];

describe('the address line of a CCCD card', () => {
  it('gives the detail before the commune, and the commune when the catalog has exactly one of that name', () => {
    expect(readCardAddress('Thôn 3, Xã Hòa Phú, Thành phố Buôn Ma Thuột, Đắk Lắk', communes)).toEqual({ detail: 'Thôn 3', communeCode: '24175' });
    expect(readCardAddress('12 Lê Duẩn, Tổ 5, Phường Buôn Ma Thuột, Đắk Lắk', communes)).toEqual({ detail: '12 Lê Duẩn, Tổ 5', communeCode: '24133' });
    expect(readCardAddress('Buôn Ea Sup, xã Cư M’gar, Đắk Lắk', communes).communeCode).toBe('24999');
    expect(readCardAddress("Buôn Ea Sup, xã Cư M'gar, Đắk Lắk", communes)).toEqual({ detail: 'Buôn Ea Sup', communeCode: '24999' });
  });

  it('leaves the commune to the citizen when it was merged away, and guesses nothing when no commune is named', () => {
    expect(readCardAddress('Thôn 1, Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk', communes)).toEqual({ detail: 'Thôn 1', communeCode: null });
    expect(readCardAddress('Đắk Lắk', communes)).toEqual({ detail: '', communeCode: null });
  });
});
