import type { DeliveryMethod } from '../../common/domain/dossier';
import {
  AgenciesCatalog,
  ProceduresCatalog,
  type Agency,
  type Procedure,
  type ProcedureLevel,
} from '../../common/domain/procedures';
import adminUnits from './admin-units.json';
import { citizenText } from './procedure-citizen-text';
import raw from './procedures.sample.json';

/**
 * SAMPLE DATA: the simulator's procedure and agency catalog, built from procedures.sample.json
 * (37 real procedures, copied from the team's collection of the national portal's records, which
 * is not part of this repo) and a set of real communes and wards from admin-units.json. How the
 * source's fields become the API's:
 *
 * - levels: "xã" → commune, "tỉnh" → province. One record (1.005099, chuyển trường tiểu học) has
 *   no level (the school decides); the sample files it at commune level, where the citizen asks.
 * - deliveryMethods (hình thức nhận kết quả): the source lists how a dossier may be *submitted*
 *   ("trực tiếp", "bưu chính", "trực tuyến"); the portal publishes no separate result channels.
 *   Collecting the result at the agency is always possible (the one-stop counter hands out every
 *   result it issues), so every procedure allows `at_agency`; "bưu chính" adds `postal` (public
 *   postal service, Quyết định 45/2016/QĐ-TTg); "trực tuyến" adds `online` (an electronic result).
 * - processingDays: the first number in the source's processing time (where it gives several
 *   figures per channel, the first one written); null when it states none.
 * - documents: ids d1, d2, … in the source's order, so attachments can name the document they satisfy.
 * - processingTime and fee: where the source's text is an editor's note about the portal's columns,
 *   the plain sentence of procedure-citizen-text.ts (the kiosk shows these to citizens).
 */
export const SAMPLE_CATALOG_VERSION = 'sample-2026-06.1';

const levelOf: Record<string, ProcedureLevel> = { xã: 'commune', tỉnh: 'province' };

function deliveryMethodsOf(channels: readonly string[]): DeliveryMethod[] {
  const methods: DeliveryMethod[] = ['at_agency'];
  if (channels.includes('bưu chính')) methods.push('postal');
  if (channels.includes('trực tuyến')) methods.push('online');
  return methods;
}

function processingDaysOf(text: string | null): number | null {
  const n = text ? /(\d+)/.exec(text)?.[1] : undefined;
  return n === undefined ? null : Number(n);
}

interface RawProcedure {
  code: string;
  name: string;
  field: string;
  levels: string[] | null;
  processingTime: string | null;
  fee: string | null;
  result: string | null;
  delivery: string[];
  documents: Array<{ name: string; required: boolean; copies?: string | null; condition?: string | null }>;
}

export const sampleProcedures: Procedure[] = (raw.procedures as RawProcedure[]).map((p) => {
  const processingTime = citizenText[p.code]?.processingTime ?? (p.processingTime || null);
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    levels: [...new Set((p.levels ?? ['xã']).map((l) => levelOf[l]!))].sort(),
    processingTime,
    processingDays: processingDaysOf(processingTime),
    fee: citizenText[p.code]?.fee ?? (p.fee || null),
    result: p.result || null,
    deliveryMethods: deliveryMethodsOf(p.delivery),
    documents: p.documents.map((d, i) => ({
      id: `d${i + 1}`,
      name: d.name,
      required: d.required,
      copies: d.copies ?? null,
      condition: d.condition ?? null,
    })),
  };
});

/** Which fields each kind of agency handles (Công an cấp xã takes residence and identity). */
const policeFields = [
  'Đăng ký, quản lý cư trú',
  'Cấp, quản lý căn cước',
  'Định danh và xác thực điện tử',
  'Sát hạch, cấp giấy phép lái xe',
];
const isPoliceField = (field: string) => policeFields.includes(field);

function codes(level: ProcedureLevel, fits: (p: Procedure) => boolean): string[] {
  return sampleProcedures.filter((p) => p.levels.includes(level) && fits(p)).map((p) => p.code);
}

/** Communes and wards of both former provinces (Buôn Ma Thuột and Tuy Hòa areas, highlands, coast). */
const sampleCommuneCodes = ['24133', '24163', '24169', '24175', '24280', '24184', '24490', '22015', '22165'];

const provinceAgencies: Agency[] = [
  {
    id: 'TTPVHCC-66',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Đắk Lắk',
    level: 'province',
    provinceCode: '66',
    communeCode: null,
    address: null,
    procedureCodes: codes('province', () => true),
  },
  {
    id: 'CAT-66',
    name: 'Công an tỉnh Đắk Lắk',
    level: 'province',
    provinceCode: '66',
    communeCode: null,
    address: null,
    procedureCodes: codes('province', (p) => p.field === 'Lý lịch tư pháp' || isPoliceField(p.field)),
  },
  {
    id: 'VPDKDD-66',
    name: 'Văn phòng đăng ký đất đai tỉnh Đắk Lắk',
    level: 'province',
    provinceCode: '66',
    communeCode: null,
    address: null,
    procedureCodes: codes('province', (p) => p.field === 'Đất đai'),
  },
  {
    id: 'STP-66',
    name: 'Sở Tư pháp tỉnh Đắk Lắk',
    level: 'province',
    provinceCode: '66',
    communeCode: null,
    address: null,
    procedureCodes: codes('province', (p) => p.field === 'Hộ tịch' || p.field === 'Chứng thực'),
  },
];

function communeAgencies(): Agency[] {
  const units = adminUnits.provinces.flatMap((p) => p.communes);
  return sampleCommuneCodes.flatMap((code) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) throw new Error(`sample agency commune ${code} is not in admin-units.json`);
    // "Phường Tân An" → "UBND phường Tân An": the unit's type is a common noun inside the name.
    const place = unit.name.charAt(0).toLowerCase() + unit.name.slice(1);
    const base = { level: 'commune' as const, provinceCode: '66', communeCode: code, address: null };
    return [
      { ...base, id: `UBND-${code}`, name: `UBND ${place}`, procedureCodes: codes('commune', (p) => !isPoliceField(p.field)) },
      { ...base, id: `CA-${code}`, name: `Công an ${place}`, procedureCodes: codes('commune', (p) => isPoliceField(p.field)) },
    ];
  });
}

export const sampleProceduresCatalog: ProceduresCatalog = ProceduresCatalog.parse({
  version: SAMPLE_CATALOG_VERSION,
  sample: true,
  procedures: sampleProcedures,
});

export const sampleAgenciesCatalog: AgenciesCatalog = AgenciesCatalog.parse({
  version: SAMPLE_CATALOG_VERSION,
  sample: true,
  agencies: [...provinceAgencies, ...communeAgencies()],
});
