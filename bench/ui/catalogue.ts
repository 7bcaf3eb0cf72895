import type { Procedure } from '../../common/domain/procedures';

/**
 * GENERATED SAMPLE DATA for the search benchmark: a catalogue the size of the national one
 * (thousands of procedures), grown from the real sample procedures the kiosk already shows —
 * each real name varied by the actions and scopes real procedure names carry ("Cấp lại …",
 * "… có yếu tố nước ngoài"), so names keep their length, words and diacritics. Deterministic:
 * every run searches the same catalogue.
 */
const actions = ['', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Xác nhận', 'Thay đổi nội dung', 'Bổ sung', 'Hủy bỏ', 'Công nhận', 'Đăng ký lại', 'Cấp bản sao'];
const scopes = ['', 'có yếu tố nước ngoài', 'cho người cao tuổi', 'tại Ủy ban nhân dân cấp xã', 'tại Sở Tư pháp', 'lưu động', 'liên thông', 'đối với hộ kinh doanh', 'đối với doanh nghiệp', 'trường hợp bị mất', 'theo yêu cầu', 'trực tuyến toàn trình'];

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

export function generatedCatalogue(real: readonly Procedure[], count: number): Procedure[] {
  if (real.length === 0) throw new Error('no real procedures to grow the catalogue from');
  const out: Procedure[] = [];
  for (let i = 0; out.length < count; i++) {
    const base = real[i % real.length]!;
    const round = Math.floor(i / real.length);
    const action = actions[round % actions.length]!;
    const scope = scopes[Math.floor(round / actions.length) % scopes.length]!;
    const name = [action, action ? lowerFirst(base.name) : base.name, scope].filter(Boolean).join(' ');
    out.push({ ...base, code: `BENCH-${String(i).padStart(5, '0')}`, name });
  }
  return out;
}
