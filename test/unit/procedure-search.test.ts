import { describe, expect, it } from 'vitest';
import { MatchRank, editDistance, procedureFields, searchProcedures } from '../../common/domain/procedure-search';
import { foldForSearch, matchesSearch } from '../../common/domain/search';
import type { Procedure } from '../../common/domain/procedures';

/** A fixed catalog: real names from the sample data, trimmed to what search reads. */
function p(code: string, name: string, field: string): Procedure {
  return { code, name, field, levels: ['commune'], processingTime: null, processingDays: null, fee: null, result: null, deliveryMethods: ['at_agency'], documents: [] };
}
const catalog: Procedure[] = [
  p('1.001193', 'Thủ tục đăng ký khai sinh', 'Hộ tịch'),
  p('1.004884', 'Thủ tục đăng ký lại khai sinh', 'Hộ tịch'),
  p('1.000894', 'Thủ tục đăng ký kết hôn', 'Hộ tịch'),
  p('1.000656', 'Thủ tục đăng ký khai tử', 'Hộ tịch'),
  p('1.004222', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú'),
  p('1.004194', 'Đăng ký tạm trú', 'Đăng ký, quản lý cư trú'),
  p('1.014063', 'Cấp đổi thẻ căn cước', 'Cấp, quản lý căn cước'),
  p('3.000347', 'Đổi giấy phép lái xe', 'Sát hạch, cấp giấy phép lái xe'),
  p('2.001019', 'Chứng thực di chúc', 'Chứng thực'),
  p('1.001612', 'Đăng ký thành lập hộ kinh doanh', 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)'),
];
const codes = (query: string, opts?: Parameters<typeof searchProcedures>[2]) => searchProcedures(catalog, query, opts).map((m) => m.procedure.code);

describe('procedure search', () => {
  it('finds "Đăng ký khai sinh" typed without diacritics, first and ahead of "đăng ký lại khai sinh"', () => {
    const r = searchProcedures(catalog, 'dang ky khai sinh');
    expect(r.map((m) => m.procedure.code)).toEqual(['1.001193', '1.004884']);
    expect(r[0]!.rank).toBe(MatchRank.prefix);
    expect(r[1]!.rank).toBe(MatchRank.allWords);
  });

  it('folds đ to d and ignores case and extra spaces', () => {
    expect(codes('  ĐĂNG   KÝ   KẾT HÔN ')).toEqual(['1.000894']);
    expect(codes('doi giay phep lai xe')).toEqual(['3.000347']);
  });

  it('puts an exact code first, with or without its dot', () => {
    expect(searchProcedures(catalog, '1.001193')[0]).toMatchObject({ procedure: { code: '1.001193' }, rank: MatchRank.exactCode });
    expect(codes('1001193')).toEqual(['1.001193']);
  });

  it('lists codes that start with what was typed', () => {
    expect(codes('1.0042')).toEqual(['1.004222']);
  });

  it('tolerates a typo per word, ranked after exact word matches', () => {
    const r = searchProcedures(catalog, 'dang ky khia sinh');
    expect(r[0]).toMatchObject({ procedure: { code: '1.001193' }, rank: MatchRank.fuzzy });
    expect(codes('chung thuc di chuc')).toEqual(['2.001019']);
    expect(codes('chung thuc di chuk')).toEqual(['2.001019']);
    expect(codes('thuong tru')).toEqual(['1.004222']);
    expect(codes('thuongg tru')).toEqual(['1.004222']);
  });

  it('does not let short words match loosely', () => {
    // "tu" must match "tử" only, not "tục" of the "Thủ tục" every name starts with, nor "tạm" by an edit.
    expect(codes('khai tu')).toEqual(['1.000656']);
    expect(codes('tam tru')).toEqual(['1.004194']);
  });

  it('matches words in any order and unfinished last words', () => {
    expect(codes('khai sinh dang ky')).toEqual(['1.001193', '1.004884']);
    expect(codes('can cu')).toEqual(['1.014063']);
  });

  it('finds nothing for unrelated words', () => {
    expect(codes('xyz hộ chiếu')).toEqual([]);
  });

  it('browses by field, and searches within a field', () => {
    expect(codes('', { field: 'Hộ tịch' })).toEqual(['1.001193', '1.004884', '1.000894', '1.000656']);
    expect(codes('khai', { field: 'Hộ tịch' })).toEqual(['1.000656', '1.001193', '1.004884']);
    const fields = procedureFields(catalog);
    expect(fields.find((f) => f.field === 'Hộ tịch')?.count).toBe(4);
    expect(fields.map((f) => f.field)).toContain('Chứng thực');
  });

  it('edit distance counts an adjacent swap as one edit and gives up past the limit', () => {
    expect(editDistance('khia', 'khai', 2)).toBe(1);
    expect(editDistance('sinh', 'sinh', 1)).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('procedure search forgives everyday spelling', () => {
  it('treats i and y after a consonant as one letter: "ki"/"ky", "qui"/"quy", "li"/"ly"', () => {
    expect(codes('dang ki khai sinh')[0]).toBe('1.001193');
    expect(codes('đăng kí kết hôn')).toEqual(['1.000894']);
    const withQuy = [...catalog, p('1.000001', 'Xác nhận quy định về lý lịch', 'Lý lịch tư pháp')];
    expect(searchProcedures(withQuy, 'qui dinh li lich').map((m) => m.procedure.code)).toEqual(['1.000001']);
    expect(searchProcedures(withQuy, 'quy dinh ly lich').map((m) => m.procedure.code)).toEqual(['1.000001']);
  });

  it('leaves a "y" after or before a vowel alone: "tay" is not "tai", "tuyen" keeps its y', () => {
    expect(foldForSearch('Tây Nguyên, tuyển, quyền, thủy')).toBe('tay nguyen, tuyen, quyen, thuy');
    expect(foldForSearch('Kỹ, Lý, Quý, Mỹ, Hy, Sỹ')).toBe('ki, li, qui, mi, hi, si');
  });

  it('finds a name whatever the tone placement: "hoà"/"hòa", "thuỷ"/"thủy", typed or stored', () => {
    const withHoa = [...catalog, p('9.000001', 'Hỗ trợ hộ nghèo xã Hoà Phú', 'Giảm nghèo'), p('9.000002', 'Cấp phép khai thác thủy sản', 'Thủy sản')];
    const find = (q: string) => searchProcedures(withHoa, q).map((m) => m.procedure.code);
    expect(find('hòa phú')).toEqual(['9.000001']);
    expect(find('hoà phú')).toEqual(['9.000001']);
    expect(find('thuỷ sản')).toEqual(['9.000002']);
    expect(find('thủy sản')).toEqual(['9.000002']);
  });

  it('finds names typed without their spaces, or with them in the wrong place', () => {
    expect(codes('khaisinh')).toEqual(['1.001193', '1.004884']);
    expect(codes('dangky khaisinh')[0]).toBe('1.001193');
    expect(codes('dangkykhaisinh')).toEqual(['1.001193']);
    expect(codes('dangkyke thon')).toEqual(['1.000894']);
    expect(searchProcedures(catalog, 'dangkykhaisinh')[0]!.rank).toBe(MatchRank.joined);
  });

  it('still forgives a typo when the spaces are left out, but not a different word', () => {
    expect(codes('dangkykhaisin')).toEqual(['1.001193']);
    expect(codes('dangkykethon')).toEqual(['1.000894']);
    expect(codes('giaypheplaixe')).toEqual(['3.000347']);
    expect(codes('xaydungnhao')).toEqual([]);
  });

  it('the commune picker forgives the same: missing spaces, i/y, tone placement', () => {
    expect(matchesSearch('Phường Buôn Ma Thuột', 'buonmathuot')).toBe(true);
    expect(matchesSearch('Xã Hòa Phú', 'hoà phú')).toBe(true);
    expect(matchesSearch('Xã Ea Kly', 'ea kli')).toBe(true);
    expect(matchesSearch("Xã Cư M'gar", 'cu mgar')).toBe(true);
    expect(matchesSearch('Xã Hòa Phú', 'tan an')).toBe(false);
  });
});
