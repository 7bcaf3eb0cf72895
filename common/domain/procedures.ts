import { z } from 'zod';
import { DeliveryMethod } from './dossier';

/**
 * The catalog of administrative procedures (thủ tục hành chính) and of the agencies that handle
 * them (cơ quan giải quyết), as the provincial API serves them and the kiosk caches them. Since
 * 1 July 2025 local government has two levels, so a procedure is handled at province level, at
 * commune/ward level, or both.
 */
export const ProcedureLevel = z.enum(['province', 'commune']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

const CatalogCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const Text = (max: number) => z.string().min(1).max(max);

export const RequiredDocument = z
  .object({
    /** Stable within its procedure: attachments name the document they satisfy by this id. */
    id: CatalogCode,
    name: Text(1000),
    /** false: needed only in the case `condition` describes. */
    required: z.boolean(),
    copies: Text(200).nullable(),
    condition: Text(1000).nullable(),
  })
  .strict();
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const Procedure = z
  .object({
    code: CatalogCode,
    name: Text(1000),
    /** Lĩnh vực, as the portal writes it. */
    field: Text(200),
    levels: z.array(ProcedureLevel).min(1).max(2),
    processingTime: Text(1000).nullable(),
    /** Working days to the result, when the portal states one number; null when it does not. */
    processingDays: z.number().int().min(0).max(365).nullable(),
    fee: Text(1000).nullable(),
    result: Text(1000).nullable(),
    /** How the citizen may receive the result (hình thức nhận kết quả). */
    deliveryMethods: z.array(DeliveryMethod).min(1).max(3),
    documents: z.array(RequiredDocument).max(50),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    for (const d of p.documents) {
      if (ids.has(d.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate document id ${d.id}` });
      ids.add(d.id);
    }
  });
export type Procedure = z.infer<typeof Procedure>;

/**
 * The most procedures a catalogue may hold. The national portal lists about 6,000 procedures
 * across all levels today, a province serves a part of them; 20,000 leaves more than three times
 * that for growth while a catalogue still fits the kiosk's memory (about 2 KB of JSON per
 * procedure: ≈ 40 MB at the cap; the kiosk reads a catalogue answer up to 64 MiB,
 * main/services/provincial-api/conditional-get.ts). A catalogue above it is refused
 * whole and the copy in use stays.
 */
export const MAX_PROCEDURES = 20_000;

export const ProceduresCatalog = z
  .object({
    version: Text(64),
    /** Sample data (the simulator's) is marked so the kiosk can say so. */
    sample: z.boolean(),
    procedures: z.array(Procedure).min(1).max(MAX_PROCEDURES),
  })
  .strict()
  .superRefine((c, ctx) => {
    const codes = new Set<string>();
    for (const p of c.procedures) {
      if (codes.has(p.code)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate procedure code ${p.code}` });
      codes.add(p.code);
    }
  });
export type ProceduresCatalog = z.infer<typeof ProceduresCatalog>;

export const Agency = z
  .object({
    id: CatalogCode,
    name: Text(300),
    level: ProcedureLevel,
    provinceCode: z.string().regex(/^\d{2}$/),
    /** The commune/ward a commune-level agency serves; null at province level. */
    communeCode: z.string().regex(/^\d{5}$/).nullable(),
    address: Text(300).nullable(),
    procedureCodes: z.array(CatalogCode).max(MAX_PROCEDURES),
  })
  .strict();
export type Agency = z.infer<typeof Agency>;

export const AgenciesCatalog = z
  .object({
    version: Text(64),
    sample: z.boolean(),
    agencies: z.array(Agency).min(1).max(5000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    for (const a of c.agencies) {
      if (ids.has(a.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate agency id ${a.id}` });
      ids.add(a.id);
    }
  });
export type AgenciesCatalog = z.infer<typeof AgenciesCatalog>;

/** The agencies that take this procedure, at a level the procedure is handled at. */
export function agenciesFor(agencies: readonly Agency[], procedure: Procedure): Agency[] {
  return agencies.filter((a) => procedure.levels.includes(a.level) && a.procedureCodes.includes(procedure.code));
}
