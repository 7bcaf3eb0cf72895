import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MatchRank,
  allowedEdits,
  buildProcedureIndex,
  editDistance,
  procedureFields,
  searchProcedures as searchIndex,
  substringDistance,
  type ProcedureMatch,
} from '../../common/domain/procedure-search';
import { compactForSearch, foldForSearch, matchesSearch } from '../../common/domain/search';
import type { Procedure } from '../../common/domain/procedures';

/** The behaviour is the index's; these tests read better with the catalog itself. */
const searchProcedures = (procedures: readonly Procedure[], query: string, opts?: Parameters<typeof searchIndex>[2]) =>
  searchIndex(buildProcedureIndex(procedures), query, opts);

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

/** Edit distances written the plain way (arrays per row), as the index's were before it was tuned. */
function plainEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
    }
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}
function plainSubstringDistance(query: string, text: string, max: number): number {
  let prev = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= query.length; i++) {
    const row = [i];
    for (let j = 1; j <= text.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (query[i - 1] === text[j - 1] ? 0 : 1)));
    prev = row;
  }
  return Math.min(Math.min(...prev), max + 1);
}

/**
 * The plain reading of the ranking rules, one procedure at a time, everything folded on the spot:
 * what the index must answer for every catalog and query, only faster.
 */
function reference(procedures: readonly Procedure[], query: string, opts: { field?: string | null; limit?: number } = {}): ProcedureMatch[] {
  const words = (folded: string) => folded.split(/[^a-z0-9]+/).filter(Boolean);
  const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const pool = opts.field ? procedures.filter((p) => p.field === opts.field) : procedures;
  const folded = foldForSearch(query);
  const queryWords = words(folded);
  if (queryWords.length === 0) return pool.slice(0, opts.limit ?? pool.length).map((procedure) => ({ procedure, rank: MatchRank.allWords, wholeWords: 0 }));
  const fuzzyWord = (qw: string, nameWords: string[]) => {
    const max = allowedEdits(qw.length);
    return nameWords.some((w) =>
      max === 0 ? w.startsWith(qw) : plainEditDistance(qw, w, max) <= max || (w.length > qw.length && plainEditDistance(qw, w.slice(0, qw.length), max) <= max),
    );
  };
  const rankOf = (p: Procedure): MatchRank | null => {
    const q = bare(folded);
    if (q.length > 0 && bare(p.code) === q) return MatchRank.exactCode;
    const name = foldForSearch(p.name);
    const withoutFiller = name.replace(/^thu tuc /, '');
    if (/^[0-9.]+$/.test(folded) && q.length >= 2 && bare(p.code).startsWith(q)) return MatchRank.prefix;
    if (name.startsWith(folded) || withoutFiller.startsWith(folded)) return MatchRank.prefix;
    const nameWords = words(`${withoutFiller} ${foldForSearch(p.field)}`);
    if (queryWords.every((qw) => nameWords.some((w) => w.startsWith(qw)))) return MatchRank.allWords;
    const cq = compactForSearch(folded);
    const cn = compactForSearch(withoutFiller);
    if (cq.length >= 4 && cn.includes(cq)) return MatchRank.joined;
    if (queryWords.every((qw) => fuzzyWord(qw, nameWords))) return MatchRank.fuzzy;
    const max = Math.min(2, allowedEdits(cq.length));
    if (cq.length >= 8 && plainSubstringDistance(cq, cn, max) <= max) return MatchRank.fuzzyJoined;
    return null;
  };
  const out: ProcedureMatch[] = [];
  for (const procedure of pool) {
    const rank = rankOf(procedure);
    if (rank === null) continue;
    const whole = new Set(words(foldForSearch(procedure.name)));
    out.push({ procedure, rank, wholeWords: queryWords.filter((w) => whole.has(w)).length });
  }
  out.sort(
    (a, b) =>
      a.rank - b.rank || b.wholeWords - a.wholeWords || a.procedure.name.length - b.procedure.name.length || a.procedure.code.localeCompare(b.procedure.code),
  );
  return out.slice(0, opts.limit ?? out.length);
}

describe('the procedure index', () => {
  const syllables = ['đăng', 'ký', 'kí', 'khai', 'sinh', 'kết', 'hôn', 'thủ', 'tục', 'cấp', 'đổi', 'giấy', 'phép', 'lái', 'xe', 'hộ', 'tịch', 'quy', 'qui', 'hoà', 'hòa', 'tử', 'tạm', 'trú', 'căn', 'cước', 'M\'nông', 'Ea', 'Kly', 'thuỷ', 'sản', '1.001193'];
  const name = fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 7 }).map((w) => w.join(' '));
  const procedureArb = fc.record({ code: fc.constantFrom('1.001193', '1.004884', '2.000001', '3.000347', '1.0042'), name, field: fc.constantFrom('Hộ tịch', 'Chứng thực', 'Đất đai') });
  const catalogArb = fc.array(procedureArb, { minLength: 0, maxLength: 30 }).map((ps) => ps.map((x, i) => p(`${x.code}.${i}`, x.name, x.field)));
  // Queries made of the same words, cut, joined, mistyped, or anything at all.
  const queryArb = fc.oneof(
    name,
    name.map((n) => n.slice(0, Math.max(1, n.length - 3))),
    name.map((n) => n.replace(/ /g, '')),
    fc.tuple(name, fc.nat(20)).map(([n, i]) => n.slice(0, i) + n.slice(i + 1)),
    // Spaces left out and a letter or two wrong: the approximate match of the letters alone.
    fc.tuple(name, fc.nat(30), fc.nat(30), fc.constantFrom('a', 'h', 'n', 'x')).map(([n, i, j, c]) => {
      const letters = compactForSearch(foldForSearch(n));
      const cut = letters.slice(0, i) + letters.slice(i + 1);
      return cut.slice(0, j) + c + cut.slice(j + 1);
    }),
    fc.string({ maxLength: 12 }),
  );

  it('its bounded distances agree with the plain ones', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'n', 'g', 'h'), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(Math.min(editDistance(a, b, max), max + 1)).toBe(plainEditDistance(a, b, max));
        expect(Math.min(substringDistance(a, b, max), max + 1)).toBe(plainSubstringDistance(a, b, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers what the ranking rules say, for any catalog, query, field and limit, keystroke after keystroke', () => {
    fc.assert(
      fc.property(catalogArb, queryArb, fc.option(fc.constantFrom('Hộ tịch', 'Đất đai')), fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), (procedures, query, field, limit) => {
        const index = buildProcedureIndex(procedures);
        // Typed one letter at a time on one index, as on the kiosk: cached words must not leak.
        for (let n = 1; n <= query.length; n++) {
          const typed = query.slice(0, n);
          const got = searchIndex(index, typed, { field, limit }).map((m) => [m.procedure.code, m.rank, m.wholeWords]);
          expect(got, typed).toEqual(reference(procedures, typed, { field, limit }).map((m) => [m.procedure.code, m.rank, m.wholeWords]));
        }
      }),
      { numRuns: 150 },
    );
  });
});
