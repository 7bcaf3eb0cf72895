import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyMark,
  applyTone,
  backspace,
  buildTypingEngine,
  insertText,
  type InputMethod,
  type Mark,
  type TextState,
  type Tone,
  type ToneStyle,
} from '../../common/input/vietnamese';

const empty: TextState = { text: '', caret: 0 };

function typeKeys(method: InputMethod, keys: string, style: ToneStyle = 'modern'): string {
  const engine = buildTypingEngine(method, style);
  return [...keys].reduce((state, ch) => engine.key(state, ch), empty).text;
}

/** A word typed on the on-screen keyboard: letters and direct keys, then the tone row. */
function typeOnScreen(letters: string, tone: Tone, style: ToneStyle = 'modern'): string {
  const typed = insertText('', 0, letters, style);
  return applyTone(typed.text, typed.caret, tone, style).text;
}

describe('tone placement', () => {
  it.each<[string, Tone, string, string]>([
    // word, tone, modern, traditional
    ['hoa', 'huyen', 'hoà', 'hòa'],
    ['khoe', 'hoi', 'khoẻ', 'khỏe'],
    ['thuy', 'hoi', 'thuỷ', 'thủy'],
    ['Thuy', 'huyen', 'Thuỳ', 'Thùy'],
    ['hoang', 'huyen', 'hoàng', 'hoàng'],
    ['toan', 'sac', 'toán', 'toán'],
    ['huynh', 'huyen', 'huỳnh', 'huỳnh'],
    ['hoai', 'huyen', 'hoài', 'hoài'],
    ['khuyu', 'hoi', 'khuỷu', 'khuỷu'],
    ['ngoeo', 'hoi', 'ngoẻo', 'ngoẻo'],
    ['quy', 'sac', 'quý', 'quý'],
    ['qua', 'sac', 'quá', 'quá'],
    ['mua', 'huyen', 'mùa', 'mùa'],
    ['mia', 'sac', 'mía', 'mía'],
    ['gui', 'hoi', 'gủi', 'gủi'],
    ['xoong', 'huyen', 'xoòng', 'xoòng'],
  ])('%s + %s → %s (modern) / %s (traditional)', (word, tone, modern, traditional) => {
    expect(applyTone(word, word.length, tone, 'modern').text).toBe(modern);
    expect(applyTone(word, word.length, tone, 'traditional').text).toBe(traditional);
  });

  it.each<[string, Tone, string]>([
    ['tuân', 'sac', 'tuấn'],
    ['khuyên', 'sac', 'khuyến'],
    ['Nguyên', 'nga', 'Nguyễn'],
    ['ngươi', 'huyen', 'người'],
    ['rươu', 'nang', 'rượu'],
    ['quôc', 'sac', 'quốc'],
    ['thuơ', 'hoi', 'thuở'],
    ['thuê', 'sac', 'thuế'],
    ['hoăc', 'nang', 'hoặc'],
    ['giơ', 'huyen', 'giờ'],
    ['giư', 'nga', 'giữ'],
    ['gia', 'huyen', 'già'],
    ['giu', 'nga', 'giũ'],
    ['giêng', 'sac', 'giếng'],
    ['gi', 'huyen', 'gì'],
    ['gin', 'huyen', 'gìn'],
    ['cưu', 'sac', 'cứu'],
    ['ĐĂNG', 'nang', 'ĐẶNG'],
    ['NGƯƠI', 'huyen', 'NGƯỜI'],
  ])('%s + %s → %s in both styles', (word, tone, expected) => {
    expect(applyTone(word, word.length, tone, 'modern').text).toBe(expected);
    expect(applyTone(word, word.length, tone, 'traditional').text).toBe(expected);
  });

  it('toggles a tone off when the same tone is pressed again, and replaces a different one', () => {
    expect(applyTone('hoà', 3, 'huyen', 'modern')).toEqual({ text: 'hoa', caret: 3, applied: true, effect: 'removed' });
    expect(applyTone('hoà', 3, 'sac', 'modern')).toEqual({ text: 'hoá', caret: 3, applied: true, effect: 'replaced' });
    expect(applyTone('hoa', 3, 'sac', 'modern')).toEqual({ text: 'hoá', caret: 3, applied: true, effect: 'added' });
    expect(applyTone('hoà', 3, 'none', 'modern')).toEqual({ text: 'hoa', caret: 3, applied: true, effect: 'removed' });
  });

  it('reports that nothing applied when no vowel is before the caret', () => {
    expect(applyTone('th', 2, 'sac', 'modern')).toEqual({ text: 'th', caret: 2, applied: false, effect: 'none' });
    expect(applyTone('ba ', 3, 'sac', 'modern').applied).toBe(false);
    expect(applyTone('ba', 0, 'sac', 'modern').applied).toBe(false);
    expect(applyTone("H'", 2, 'sac', 'modern').applied).toBe(false);
    expect(applyTone('', 0, 'sac', 'modern').applied).toBe(false);
    expect(applyTone('hoa', 3, 'none', 'modern').applied).toBe(false);
  });

  it('leaves a word that is no Vietnamese syllable alone', () => {
    expect(applyTone('as', 2, 'sac', 'modern').applied).toBe(false);
    expect(applyTone('hoaoa', 5, 'sac', 'modern').applied).toBe(false);
  });

  it('reads names with an apostrophe as the syllable after it', () => {
    expect(applyTone("H'Hen", 5, 'sac', 'modern').text).toBe("H'Hén");
    expect(applyTone("M'nông", 6, 'sac', 'modern').text).toBe("M'nống");
    expect(applyTone("Y'Ngông", 7, 'huyen', 'modern').text).toBe("Y'Ngồng");
  });

  it('works on the word around the caret, wherever the caret is in the text', () => {
    expect(applyTone('Buôn Ma Thuôt', 13, 'nang', 'modern').text).toBe('Buôn Ma Thuột');
    expect(applyTone('hoa hông', 3, 'huyen', 'modern')).toMatchObject({ text: 'hoà hông', caret: 3 });
    // A caret moved into the middle of a word still tones the whole word.
    expect(applyTone('hoa', 2, 'huyen', 'modern')).toMatchObject({ text: 'hoà', caret: 2 });
  });

  it('accepts NFD text and returns NFC with the caret on the NFC text', () => {
    const nfd = 'Thị Hồng'.normalize('NFD');
    const result = applyTone(nfd + ' Nhung', nfd.length, 'sac', 'modern');
    expect(result).toMatchObject({ text: 'Thị Hống Nhung', caret: 8 });
    expect(result.text).toBe(result.text.normalize('NFC'));
  });
});

describe('marks', () => {
  it.each<[string, Mark, string]>([
    ['a', 'circumflex', 'â'],
    ['e', 'circumflex', 'ê'],
    ['o', 'circumflex', 'ô'],
    ['a', 'breve', 'ă'],
    ['o', 'horn', 'ơ'],
    ['u', 'horn', 'ư'],
    ['nguoi', 'horn', 'ngươi'],
    ['huong', 'horn', 'hương'],
    ['thuo', 'horn', 'thuơ'],
    ['tuan', 'circumflex', 'tuân'],
    ['Nguyen', 'circumflex', 'Nguyên'],
    ['hoac', 'breve', 'hoăc'],
    ['dang', 'stroke', 'đang'],
    ['DANG', 'stroke', 'ĐANG'],
    ['d', 'stroke', 'đ'],
  ])('%s + %s → %s', (word, mark, expected) => {
    expect(applyMark(word, word.length, mark)).toMatchObject({ text: expected, applied: true, effect: 'added' });
  });

  it('keeps the tone, moving it to the vowel that now carries the mark', () => {
    expect(applyMark('á', 1, 'circumflex').text).toBe('ấ');
    expect(applyMark('Á', 1, 'breve').text).toBe('Ắ');
    expect(applyMark('túo', 3, 'circumflex').text).toBe('tuố');
    expect(applyMark('ngùoi', 5, 'horn').text).toBe('người');
    expect(applyMark('hòac', 4, 'breve', 'traditional').text).toBe('hoằc');
  });

  it('takes a mark off when it is pressed again', () => {
    expect(applyMark('â', 1, 'circumflex')).toMatchObject({ text: 'a', effect: 'removed' });
    expect(applyMark('người', 5, 'horn')).toMatchObject({ text: 'nguòi', effect: 'removed' });
    expect(applyMark('đang', 4, 'stroke')).toMatchObject({ text: 'dang', effect: 'removed' });
  });

  it('does nothing when the mark fits no vowel of the syllable', () => {
    expect(applyMark('bi', 2, 'circumflex').applied).toBe(false);
    expect(applyMark('toan', 4, 'circumflex').applied).toBe(false);
    expect(applyMark('ngoeo', 5, 'circumflex').applied).toBe(false);
    expect(applyMark('tan', 3, 'stroke').applied).toBe(false);
    expect(applyMark(' ', 1, 'horn').applied).toBe(false);
  });
});

describe('direct keys and the tone row', () => {
  it('inserts ă â đ ê ô ơ ư and their capitals as they are', () => {
    expect(insertText('', 0, 'ăâđêôơư ĂÂĐÊÔƠƯ')).toEqual({ text: 'ăâđêôơư ĂÂĐÊÔƠƯ', caret: 15 });
    expect(insertText('ĐẶG', 2, 'N')).toEqual({ text: 'ĐẶNG', caret: 3 });
  });

  it('moves a tone typed early to where the finished syllable needs it', () => {
    expect(insertText('tó', 2, 'a', 'traditional').text).toBe('tóa');
    expect(insertText('tó', 2, 'a', 'modern').text).toBe('toá');
    expect(insertText('tóa', 3, 'n', 'traditional').text).toBe('toán');
    expect(insertText('hùy', 3, 'nh', 'traditional').text).toBe('huỳnh');
    expect(insertText('gìa', 3, '').text).toBe('già');
    expect(insertText('huơ', 3, 'ng').text).toBe('hương');
  });

  it('leaves tones that come with the inserted text where they are', () => {
    expect(insertText('', 0, 'Hòa', 'modern').text).toBe('Hòa');
    expect(insertText('Nguyễn Thị ', 11, 'Thủy', 'modern').text).toBe('Nguyễn Thị Thủy');
  });

  it('composes NFD input and combining marks into NFC', () => {
    expect(insertText('', 0, 'Nguyễn'.normalize('NFD'))).toEqual({ text: 'Nguyễn', caret: 6 });
    expect(insertText('ê', 1, '\u0303')).toEqual({ text: 'ễ', caret: 1 });
  });

  it.each<[string, Tone, ToneStyle, string]>([
    ['Nguyên', 'nga', 'modern', 'Nguyễn'],
    ['Thi', 'nang', 'modern', 'Thị'],
    ['Hông', 'huyen', 'modern', 'Hồng'],
    ['Đăng', 'nang', 'modern', 'Đặng'],
    ['Thuy', 'huyen', 'modern', 'Thuỳ'],
    ['Thuy', 'huyen', 'traditional', 'Thùy'],
    ['Trâm', 'none', 'modern', 'Trâm'],
    ['Niê', 'none', 'modern', 'Niê'],
    ['ngươi', 'huyen', 'modern', 'người'],
    ['khuyên', 'sac', 'modern', 'khuyến'],
    ['quôc', 'sac', 'modern', 'quốc'],
    ['giư', 'nga', 'modern', 'giữ'],
    ['gi', 'huyen', 'modern', 'gì'],
    ['hoa', 'huyen', 'modern', 'hoà'],
    ['hoa', 'huyen', 'traditional', 'hòa'],
    ['thuơ', 'hoi', 'modern', 'thuở'],
    ['Thuôt', 'nang', 'modern', 'Thuột'],
    ['ĐĂNG', 'nang', 'modern', 'ĐẶNG'],
  ])('on screen: %s then %s (%s) → %s', (letters, tone, style, expected) => {
    expect(typeOnScreen(letters, tone, style)).toBe(expected);
  });
});

describe('Telex', () => {
  it.each<[string, string, ToneStyle]>([
    ['Nguyeenx Thij Hoongf Nhung', 'Nguyễn Thị Hồng Nhung', 'modern'],
    ['DDawngj Thuyf Traam', 'Đặng Thuỳ Trâm', 'modern'],
    ['DDawngj Thuyf Traam', 'Đặng Thùy Trâm', 'traditional'],
    ["H'Hen Niee", "H'Hen Niê", 'modern'],
    ['nguowif', 'người', 'modern'],
    ['nguoiwf', 'người', 'modern'],
    ['khuyeens', 'khuyến', 'modern'],
    ['quoocs', 'quốc', 'modern'],
    ['giuwx', 'giữ', 'modern'],
    ['gif', 'gì', 'modern'],
    ['hoaf', 'hoà', 'modern'],
    ['hoaf', 'hòa', 'traditional'],
    ['thuowr', 'thuở', 'modern'],
    ['Buoon Ma Thuootj', 'Buôn Ma Thuột', 'modern'],
    ['EE DDee', 'Ê Đê', 'modern'],
    ["M'noong", "M'nông", 'modern'],
    ['DDAWNGJ', 'ĐẶNG', 'modern'],
    ['DDawks Lawks', 'Đắk Lắk', 'modern'],
    ['toasn', 'toán', 'modern'],
    ['tosan', 'toán', 'traditional'],
    ['muaw', 'mưa', 'modern'],
    ['hoawcj', 'hoặc', 'modern'],
    ['ruouwj', 'rượu', 'modern'],
    ['xooong', 'xoong', 'modern'],
    ['ngoeor', 'ngoẻo', 'modern'],
  ])('%s → %s (%s)', (keys, expected, style) => {
    expect(typeKeys('telex', keys, style)).toBe(expected);
  });

  it('undoes a tone or mark when its key is pressed twice, typing the key itself', () => {
    expect(typeKeys('telex', 'as')).toBe('á');
    expect(typeKeys('telex', 'ass')).toBe('as');
    expect(typeKeys('telex', 'asss')).toBe('ass');
    expect(typeKeys('telex', 'aaa')).toBe('aa');
    expect(typeKeys('telex', 'aww')).toBe('aw');
    expect(typeKeys('telex', 'ddd')).toBe('dd');
    expect(typeKeys('telex', 'class')).toBe('clas');
  });

  it('removes a tone with z, and types z when there is none', () => {
    expect(typeKeys('telex', 'asz')).toBe('a');
    expect(typeKeys('telex', 'az')).toBe('az');
  });

  it('types a key literally when it cannot change the syllable', () => {
    expect(typeKeys('telex', 'ts')).toBe('ts');
    expect(typeKeys('telex', 's')).toBe('s');
    expect(typeKeys('telex', 'bie')).toBe('bie');
    expect(typeKeys('telex', 'New')).toBe('New');
  });

  it('turns w with no vowel yet into ư', () => {
    expect(typeKeys('telex', 'w')).toBe('ư');
    expect(typeKeys('telex', 'W')).toBe('Ư');
    expect(typeKeys('telex', 'tw')).toBe('tư');
    expect(typeKeys('telex', 'nhwngx')).toBe('những');
  });

  it('accepts NFD text in the state it is given', () => {
    const engine = buildTypingEngine('telex', 'modern');
    const nfd = 'Nguyê'.normalize('NFD');
    expect(engine.key({ text: nfd, caret: nfd.length }, 'x')).toEqual({ text: 'Nguyễ', caret: 5 });
  });
});

describe('VNI', () => {
  it.each<[string, string, ToneStyle]>([
    ['Nguye6n4 Thi5 Ho6ng2 Nhung', 'Nguyễn Thị Hồng Nhung', 'modern'],
    ['D9a8ng5 Thuy2 Tra6m', 'Đặng Thuỳ Trâm', 'modern'],
    ['D9a8ng5 Thuy2 Tra6m', 'Đặng Thùy Trâm', 'traditional'],
    ["H'Hen Nie6", "H'Hen Niê", 'modern'],
    ['nguoi72', 'người', 'modern'],
    ['khuye6n1', 'khuyến', 'modern'],
    ['quo6c1', 'quốc', 'modern'],
    ['giu74', 'giữ', 'modern'],
    ['gi2', 'gì', 'modern'],
    ['hoa2', 'hoà', 'modern'],
    ['hoa2', 'hòa', 'traditional'],
    ['thuo73', 'thuở', 'modern'],
    ['Buo6n Ma Thuo6t5', 'Buôn Ma Thuột', 'modern'],
    ['E6 D9e6', 'Ê Đê', 'modern'],
    ["M'no6ng", "M'nông", 'modern'],
    ['D9A8NG5', 'ĐẶNG', 'modern'],
  ])('%s → %s (%s)', (keys, expected, style) => {
    expect(typeKeys('vni', keys, style)).toBe(expected);
  });

  it('undoes with the same digit, removes the tone with 0, and types digits that change nothing', () => {
    expect(typeKeys('vni', 'a1')).toBe('á');
    expect(typeKeys('vni', 'a11')).toBe('a1');
    expect(typeKeys('vni', 'a10')).toBe('a');
    expect(typeKeys('vni', 'a0')).toBe('a0');
    expect(typeKeys('vni', 'a66')).toBe('a6');
    expect(typeKeys('vni', 'Phòng 12')).toBe('Phòng 12');
    expect(typeKeys('vni', '2024')).toBe('2024');
  });
});

describe('input method off', () => {
  it('types every key as it is', () => {
    expect(typeKeys('off', 'ass dd 12')).toBe('ass dd 12');
  });
});

describe('backspace', () => {
  it('deletes one whole letter with its marks', () => {
    expect(backspace('Nguyễn', 5)).toEqual({ text: 'Nguyn', caret: 4 });
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(backspace(nfd, nfd.length - 1)).toEqual({ text: 'Nguyn', caret: 4 });
    expect(backspace('ĐẶNG', 4)).toEqual({ text: 'ĐẶN', caret: 3 });
  });

  it('deletes an emoji as one character and does nothing at the start', () => {
    expect(backspace('a👍🏽', 5)).toEqual({ text: 'a', caret: 1 });
    expect(backspace('abc', 0)).toEqual({ text: 'abc', caret: 0 });
  });

  it('never deletes half of a letter when the caret sits inside it', () => {
    const nfd = 'ễ'.normalize('NFD');
    expect(backspace(nfd + 'x', 2)).toEqual({ text: 'x', caret: 0 });
  });
});

// ————— properties —————

// prettier-ignore
const initials = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
];

interface Nucleus {
  readonly spelled: string;
  /** Index of the tone vowel in an open syllable, modern and traditional; absent if never open. */
  readonly open?: readonly [modern: number, traditional: number];
  /** Index of the tone vowel before a final consonant, and the finals this nucleus takes. */
  readonly closed?: readonly [at: number, finals: string];
}

/** The vowel inventory, with where each one takes its tone — written out, not computed. */
const nuclei: readonly Nucleus[] = [
  { spelled: 'a', open: [0, 0], closed: [0, 'c ch m n ng nh p t'] },
  { spelled: 'ă', closed: [0, 'c m n ng p t'] },
  { spelled: 'â', closed: [0, 'c m n ng p t'] },
  { spelled: 'e', open: [0, 0], closed: [0, 'c m n ng p t'] },
  { spelled: 'ê', open: [0, 0], closed: [0, 'ch m n nh p t'] },
  { spelled: 'i', open: [0, 0], closed: [0, 'ch m n nh p t'] },
  { spelled: 'o', open: [0, 0], closed: [0, 'c m n ng p t'] },
  { spelled: 'ô', open: [0, 0], closed: [0, 'c m n ng p t'] },
  { spelled: 'ơ', open: [0, 0], closed: [0, 'm n p t'] },
  { spelled: 'u', open: [0, 0], closed: [0, 'c m n ng p t'] },
  { spelled: 'ư', open: [0, 0], closed: [0, 'c n ng t'] },
  { spelled: 'y', open: [0, 0] },
  { spelled: 'ai', open: [0, 0] },
  { spelled: 'ao', open: [0, 0] },
  { spelled: 'au', open: [0, 0] },
  { spelled: 'ay', open: [0, 0] },
  { spelled: 'âu', open: [0, 0] },
  { spelled: 'ây', open: [0, 0] },
  { spelled: 'eo', open: [0, 0] },
  { spelled: 'êu', open: [0, 0] },
  { spelled: 'ia', open: [0, 0] },
  { spelled: 'iu', open: [0, 0] },
  { spelled: 'oa', open: [1, 0], closed: [1, 'c ch m n ng nh t'] },
  { spelled: 'oă', closed: [1, 'c m n ng t'] },
  { spelled: 'oe', open: [1, 0], closed: [1, 'n t'] },
  { spelled: 'oi', open: [0, 0] },
  { spelled: 'ôi', open: [0, 0] },
  { spelled: 'ơi', open: [0, 0] },
  { spelled: 'oo', closed: [1, 'c ng'] },
  { spelled: 'ua', open: [0, 0] },
  { spelled: 'uâ', closed: [1, 'n ng t'] },
  { spelled: 'uê', open: [1, 1], closed: [1, 'nh'] },
  { spelled: 'ui', open: [0, 0] },
  { spelled: 'uô', closed: [1, 'c m n ng t'] },
  { spelled: 'uơ', open: [1, 1] },
  { spelled: 'uy', open: [1, 0], closed: [1, 'ch n nh t'] },
  { spelled: 'ưa', open: [0, 0] },
  { spelled: 'ưi', open: [0, 0] },
  { spelled: 'ưu', open: [0, 0] },
  { spelled: 'ươ', closed: [1, 'c m n ng p t'] },
  { spelled: 'iê', closed: [1, 'c m n ng p t'] },
  { spelled: 'yê', closed: [1, 'n ng t'] },
  { spelled: 'iêu', open: [1, 1] },
  { spelled: 'yêu', open: [1, 1] },
  { spelled: 'oai', open: [1, 1] },
  { spelled: 'oay', open: [1, 1] },
  { spelled: 'oeo', open: [1, 1] },
  { spelled: 'uây', open: [1, 1] },
  { spelled: 'uôi', open: [1, 1] },
  { spelled: 'ươi', open: [1, 1] },
  { spelled: 'ươu', open: [1, 1] },
  { spelled: 'uya', open: [1, 1] },
  { spelled: 'uyu', open: [1, 1] },
  { spelled: 'uyê', closed: [2, 'n t'] },
];

/** Spelling rules that pair initials with nuclei (k/gh/ngh before e ê i, qu, gi, yê). */
function spellable(initial: string, nucleus: string): boolean {
  const front = /^[eêiy]/.test(nucleus);
  if (initial === 'k') return front;
  if (initial === 'gh' || initial === 'ngh') return /^[eêi]/.test(nucleus);
  if (initial === 'c' || initial === 'ng') return !front;
  if (initial === 'g') return !front || nucleus === 'i';
  if (initial === 'gi') return !/^[iy]/.test(nucleus);
  if (initial === 'qu') return ['a', 'ă', 'â', 'e', 'ê', 'y', 'ơ', 'ai', 'ay', 'ao', 'ây', 'yê'].includes(nucleus);
  if (nucleus.startsWith('yê')) return initial === '';
  if (nucleus.startsWith('iê')) return initial !== '';
  return true;
}

// prettier-ignore
const toneMarks: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323',
};

type Casing = 'lower' | 'title' | 'upper';

interface Spelled {
  readonly initial: string;
  readonly nucleus: string;
  readonly final: string;
  readonly tone: Tone;
  readonly style: ToneStyle;
  readonly casing: Casing;
  /** The syllable as it must come out, NFC. */
  readonly expected: string;
}

function applyCasing(s: string, casing: Casing): string {
  if (casing === 'upper') return s.toUpperCase();
  if (casing === 'title') return s.charAt(0).toUpperCase() + s.slice(1);
  return s;
}

const syllableArb: fc.Arbitrary<Spelled> = fc
  .record({
    initial: fc.constantFrom(...initials),
    nucleus: fc.constantFrom(...nuclei),
    finalPick: fc.nat(),
    closed: fc.boolean(),
    tone: fc.constantFrom<Tone>('none', 'sac', 'huyen', 'hoi', 'nga', 'nang'),
    style: fc.constantFrom<ToneStyle>('modern', 'traditional'),
    casing: fc.constantFrom<Casing>('lower', 'title', 'upper'),
  })
  .filter(({ initial, nucleus }) => spellable(initial, nucleus.spelled))
  .map(({ initial, nucleus, finalPick, closed, tone, style, casing }) => {
    const isClosed = nucleus.open === undefined || (closed && nucleus.closed !== undefined);
    const finals = isClosed ? (nucleus.closed?.[1] ?? '').split(' ') : [''];
    const final = finals[finalPick % finals.length] ?? '';
    // Syllables ending in a stop (c ch p t) take only sắc or nặng.
    const stopTone: Tone = tone === 'huyen' || tone === 'nga' || tone === 'none' ? 'sac' : 'nang';
    const finalTone = /^(c|ch|p|t)$/.test(final) && tone !== 'sac' && tone !== 'nang' ? stopTone : tone;
    const at = isClosed ? (nucleus.closed?.[0] ?? 0) : (nucleus.open?.[style === 'modern' ? 0 : 1] ?? 0);
    const vowels = [...nucleus.spelled];
    if (finalTone !== 'none') vowels[at] = (vowels[at] + toneMarks[finalTone]).normalize('NFC');
    const expected = applyCasing(initial + vowels.join('') + final, casing).normalize('NFC');
    return { initial, nucleus: nucleus.spelled, final, tone: finalTone, style, casing, expected };
  });

/** A letter of the syllable as a base key plus the mark that makes it. */
interface KeyLetter {
  readonly base: string;
  readonly mark: Mark | null;
  readonly direct: string;
}

// prettier-ignore
const markedLetters: Readonly<Record<string, readonly [string, Mark]>> = {
  ă: ['a', 'breve'], â: ['a', 'circumflex'], ê: ['e', 'circumflex'], ô: ['o', 'circumflex'],
  ơ: ['o', 'horn'], ư: ['u', 'horn'], đ: ['d', 'stroke'],
};

function keyLetters(s: Spelled): { letters: KeyLetter[]; nucleusAt: number } {
  const letters = [...(s.initial + s.nucleus + s.final)].map((ch): KeyLetter => {
    const [base, mark] = markedLetters[ch] ?? [ch, null];
    return {
      base: applyCasing(base, s.casing === 'upper' ? 'upper' : 'lower'),
      mark,
      direct: applyCasing(ch, s.casing === 'upper' ? 'upper' : 'lower'),
    };
  });
  if (s.casing === 'title' && letters[0] !== undefined) {
    const first = letters[0];
    letters[0] = { ...first, base: first.base.toUpperCase(), direct: first.direct.toUpperCase() };
  }
  return { letters, nucleusAt: [...s.initial].length };
}

const telexTone: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  sac: 's',
  huyen: 'f',
  hoi: 'r',
  nga: 'x',
  nang: 'j',
};
const vniTone: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  sac: '1',
  huyen: '2',
  hoi: '3',
  nga: '4',
  nang: '5',
};

/** Keys for the letters, with the tone key slipped in after unit `toneAfter` (≥ first nucleus letter). */
function keystrokes(s: Spelled, method: 'telex' | 'vni', toneAt: number): string {
  const { letters, nucleusAt } = keyLetters(s);
  const upper = s.casing === 'upper';
  const units = letters.map((l, i) => {
    if (l.mark === null) {
      // Telex reads a second plain o as a circumflex; typing it twice more gives the literal "oo".
      const prev = letters[i - 1];
      const doubled =
        method === 'telex' && l.base.toLowerCase() === 'o' && prev?.base.toLowerCase() === 'o' && prev.mark === null;
      return doubled ? l.base + l.base : l.base;
    }
    if (method === 'vni') return l.base + { circumflex: '6', horn: '7', breve: '8', stroke: '9' }[l.mark];
    const key = l.mark === 'circumflex' || l.mark === 'stroke' ? l.base : upper ? 'W' : 'w';
    return l.base + key;
  });
  if (s.tone !== 'none') {
    const slot = nucleusAt + 1 + (toneAt % (units.length - nucleusAt));
    const key = method === 'telex' ? telexTone[s.tone] : vniTone[s.tone];
    units.splice(slot, 0, upper ? key.toUpperCase() : key);
  }
  return units.join('');
}

/** The on-screen keyboard: each letter direct or as base + mark key, the tone row pressed somewhere after the first vowel. */
function typeSpelledOnScreen(s: Spelled, toneAt: number, viaMarkKey: readonly boolean[]): string {
  const { letters, nucleusAt } = keyLetters(s);
  const slot = nucleusAt + 1 + (toneAt % (letters.length - nucleusAt));
  let state: TextState = empty;
  letters.forEach((l, i) => {
    if (l.mark !== null && viaMarkKey[i % viaMarkKey.length] === true) {
      state = insertText(state.text, state.caret, l.base, s.style);
      state = applyMark(state.text, state.caret, l.mark, s.style);
    } else {
      state = insertText(state.text, state.caret, l.direct, s.style);
    }
    if (i + 1 === slot && s.tone !== 'none') state = applyTone(state.text, state.caret, s.tone, s.style);
  });
  return state.text;
}

describe('typing any Vietnamese syllable', () => {
  it('the on-screen keyboard (direct keys, mark keys, tone row) spells it', () => {
    fc.assert(
      fc.property(syllableArb, fc.nat(), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (s, toneAt, via) => {
        expect(typeSpelledOnScreen(s, toneAt, via)).toBe(s.expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('Telex spells it', () => {
    fc.assert(
      fc.property(syllableArb, fc.nat(), (s, toneAt) => {
        expect(typeKeys('telex', keystrokes(s, 'telex', toneAt), s.style)).toBe(s.expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('VNI spells it', () => {
    fc.assert(
      fc.property(syllableArb, fc.nat(), (s, toneAt) => {
        expect(typeKeys('vni', keystrokes(s, 'vni', toneAt), s.style)).toBe(s.expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('Telex and VNI spell whole sentences of such syllables', () => {
    const style = fc.constantFrom<ToneStyle>('modern', 'traditional');
    fc.assert(
      fc.property(style, fc.array(syllableArb, { minLength: 1, maxLength: 6 }), fc.nat(), (style, words, toneAt) => {
        const sentence = words.filter((w) => w.style === style);
        const expected = sentence.map((w) => w.expected).join(' ');
        const telex = sentence.map((w) => keystrokes(w, 'telex', toneAt)).join(' ');
        const vni = sentence.map((w) => keystrokes(w, 'vni', toneAt)).join(' ');
        expect(typeKeys('telex', telex, style)).toBe(expected);
        expect(typeKeys('vni', vni, style)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('applying the same tone twice gives back the syllable, toned or not', () => {
    const anyTone = fc.constantFrom<Tone>('sac', 'huyen', 'hoi', 'nga', 'nang');
    const prefixes = fc.constantFrom('', 'Ông ', "H'", 'hoà, ');
    fc.assert(
      fc.property(syllableArb, anyTone, prefixes, (s, other, prefix) => {
        // An untoned syllable gains a tone and loses it; a toned one loses its own and regains it.
        const tone = s.tone === 'none' ? other : s.tone;
        const text = prefix + s.expected;
        const once = applyTone(text, text.length, tone, s.style);
        const twice = applyTone(once.text, once.caret, tone, s.style);
        expect(once.effect).toBe(s.tone === 'none' ? 'added' : 'removed');
        expect(twice).toEqual({
          text,
          caret: text.length,
          applied: true,
          effect: s.tone === 'none' ? 'removed' : 'added',
        });
      }),
      { numRuns: 1000 },
    );
  });
});

// prettier-ignore
const graphemeUnits = [
  'a', 'b', 'Đ', 'ư', 'ấ', 'Ặ', 'ữ', ' ', "'", ',', '1', '-',
  'ễ'.normalize('NFD'), 'Ở'.normalize('NFD'), 'e\u0301\u0323', 'x\u0308', '👍🏽', '👨‍👩‍👧', '🇻🇳', 'ค', 'ำ', '中',
];
const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const segments = (s: string): string[] => Array.from(segmenter.segment(s), (g) => g.segment);

describe('backspace on any text', () => {
  it('removes exactly the one grapheme before the caret and never strands a combining mark', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...graphemeUnits), { maxLength: 12 }), fc.nat(), (units, pick) => {
        const text = units.join('').normalize('NFC');
        const before = segments(text);
        const k = pick % (before.length + 1);
        const caret = before.slice(0, k).join('').length;
        const result = backspace(text, caret);
        if (k === 0) {
          expect(result).toEqual({ text, caret: 0 });
          return;
        }
        expect(segments(result.text)).toEqual([...before.slice(0, k - 1), ...before.slice(k)]);
        expect(result.caret).toBe(before.slice(0, k - 1).join('').length);
        expect(result.text).toBe(result.text.normalize('NFC'));
        expect(/^\p{M}/u.test(result.text)).toBe(false);
        for (const g of segments(result.text)) expect(/^\p{M}/u.test(g)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('engines on arbitrary keys', () => {
  it('always return NFC text with the caret inside it', () => {
    const keys = fc.constantFrom(..."aeiouydwsfrxjzAEOWD0123456789 'bcnghtqk".split(''));
    fc.assert(
      fc.property(
        fc.constantFrom<InputMethod>('telex', 'vni', 'off'),
        fc.array(keys, { maxLength: 30 }),
        (method, typed) => {
          const engine = buildTypingEngine(method, 'modern');
          const state = typed.reduce((st, ch) => engine.key(st, ch), empty);
          expect(state.text).toBe(state.text.normalize('NFC'));
          expect(state.caret).toBeGreaterThanOrEqual(0);
          expect(state.caret).toBeLessThanOrEqual(state.text.length);
          if (method === 'off') expect(state.text).toBe(typed.join(''));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
