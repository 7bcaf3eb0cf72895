import { describe, expect, it } from 'vitest';
import { sampleProcedures } from '../../simulator/seed/procedure-catalog';

/** How the collected data's editors wrote notes about the portal's columns: never for a citizen's eyes. */
const editorsNote = /Cổng (DVCQG|ghi)|(theo|trên) Cổng|DVCQG|theo mô tả|cột (phí|thời gian)|không ghi đơn vị|theo trình tự/;

describe('the sample catalog speaks to citizens', () => {
  it('no time limit, fee, result or document the kiosk shows carries an editor\'s note about the portal', () => {
    const found: string[] = [];
    for (const p of sampleProcedures) {
      const texts = [p.processingTime, p.fee, p.result, ...p.documents.flatMap((d) => [d.name, d.copies, d.condition])];
      for (const t of texts) if (t && editorsNote.test(t)) found.push(`${p.code}: ${t}`);
    }
    expect(found).toEqual([]);
  });

  it('a time limit stated in days says it in words, and the expected result date counts those days', () => {
    const khaiSinh = sampleProcedures.find((p) => p.code === '1.001193')!;
    expect(khaiSinh.processingTime).toMatch(/^1 ngày làm việc/);
    expect(khaiSinh.processingDays).toBe(1);
    for (const p of sampleProcedures) if (p.processingTime && /^\d+$/.test(p.processingTime.trim())) throw new Error(`${p.code}: a bare number`);
  });
});
