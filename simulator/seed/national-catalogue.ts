import type { AgenciesCatalog, Procedure, ProceduresCatalog } from '../../common/domain/procedures';

/**
 * GENERATED SAMPLE DATA: a catalogue the size of the national one (thousands of procedures), for
 * the tests that check a catalogue that large reaches the kiosk — and that one over the kiosk's
 * cap does not. Grown from the real sample procedures: the real ones first, unchanged (so every
 * demo flow still finds them), then each real procedure again under a new code, its name varied by
 * the actions and scopes real names carry ("Cấp lại …", "… có yếu tố nước ngoài"), so entries keep
 * a real procedure's size, words and diacritics. Every agency that takes a real procedure takes its
 * variants. Deterministic, and still marked as sample data.
 */
const actions = ['Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Xác nhận', 'Thay đổi nội dung', 'Bổ sung', 'Công nhận', 'Đăng ký lại', 'Cấp bản sao'];
const scopes = ['', 'có yếu tố nước ngoài', 'cho người cao tuổi', 'lưu động', 'liên thông', 'đối với hộ kinh doanh', 'trường hợp bị mất', 'trực tuyến toàn trình'];

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

export function grownCatalogues(
  seed: { procedures: ProceduresCatalog; agencies: AgenciesCatalog },
  count: number,
  version: string,
): { procedures: ProceduresCatalog; agencies: AgenciesCatalog } {
  const real = seed.procedures.procedures;
  const procedures: Procedure[] = real.slice(0, count);
  const variantsOf = new Map<string, string[]>(real.map((p) => [p.code, []]));
  for (let i = 0; procedures.length < count; i++) {
    const base = real[i % real.length]!;
    const round = Math.floor(i / real.length);
    const action = actions[round % actions.length]!;
    const scope = scopes[Math.floor(round / actions.length) % scopes.length]!;
    const code = `SIM-${String(procedures.length).padStart(5, '0')}`;
    procedures.push({ ...base, code, name: [action, lowerFirst(base.name), scope].filter(Boolean).join(' ') });
    variantsOf.get(base.code)!.push(code);
  }
  return {
    procedures: { ...seed.procedures, version, procedures },
    agencies: {
      ...seed.agencies,
      version,
      agencies: seed.agencies.agencies.map((a) => ({ ...a, procedureCodes: a.procedureCodes.flatMap((c) => [c, ...(variantsOf.get(c) ?? [])]) })),
    },
  };
}
