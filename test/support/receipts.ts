import type { ReceiptData } from '../../common/receipt/receipt';

/** The 134 precomposed Vietnamese letters: 12 vowels × 6 tones, less the 6 plain ASCII vowels, plus đ; both cases. */
export function vietnameseLetters(): string[] {
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
  const lower = new Set<string>(['đ']);
  for (const v of vowels) for (const t of tones) lower.add((v + t).normalize('NFC'));
  for (const ascii of 'aeiouy') lower.delete(ascii);
  const all = [...lower, ...[...lower].map((c) => c.toUpperCase())];
  return all;
}

export function sampleReceipt(over: Partial<ReceiptData> = {}): ReceiptData {
  return {
    provinceName: 'UBND tỉnh Đắk Lắk',
    agencyName: 'UBND phường Buôn Ma Thuột',
    dossierCode: 'H66-261128-000001',
    localRef: 'DL-KIOSK-DEMO-01-261128-0001',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicantName: "H'Hen Niê",
    maskedCitizenId: '********1234',
    receivedAt: '2026-11-28T07:05:00.000Z',
    expectedResultAt: '2026-12-02T09:00:00.000Z',
    deliveryMethod: 'at_agency',
    kioskId: 'KIOSK-DEMO-01',
    lookupUrl: 'https://dichvucong.daklak.gov.vn/tra-cuu?ma=H66-261128-000001',
    hotline: null,
    sample: true,
    ...over,
  };
}
