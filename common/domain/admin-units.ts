import { z } from 'zod';

/**
 * The catalog of administrative units: since 1 July 2025 two levels, province → commune/ward
 * (districts are gone). It comes from the provincial API; the UI never hard-codes a unit name.
 */
export const Commune = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1).max(120),
  type: z.enum(['xã', 'phường', 'đặc khu']),
});
export type Commune = z.infer<typeof Commune>;

export const Province = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1).max(120),
  communes: z.array(Commune).min(1).max(1000),
});
export type Province = z.infer<typeof Province>;

export const AdminUnitsCatalog = z
  .object({
    version: z.string().min(1).max(64),
    /** Sample data (the simulator's) is marked so the kiosk can say so. */
    sample: z.boolean(),
    provinces: z.array(Province).min(1).max(100),
  })
  .superRefine((catalog, ctx) => {
    // Codes are how addresses are stored: a duplicate would make an address ambiguous.
    const seen = new Set<string>();
    for (const p of catalog.provinces) {
      for (const c of p.communes) {
        if (seen.has(c.code)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate commune code ${c.code}` });
        seen.add(c.code);
      }
    }
  });
export type AdminUnitsCatalog = z.infer<typeof AdminUnitsCatalog>;

export function findCommune(catalog: AdminUnitsCatalog, provinceCode: string, communeCode: string): Commune | undefined {
  return catalog.provinces.find((p) => p.code === provinceCode)?.communes.find((c) => c.code === communeCode);
}
