import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tone, ToneStyle } from '../../common/input/vietnamese';
import { applyEdit, moveCaret, type EditContext, type FieldState } from '../../renderer/src/keyboard/key-edit';
import { keyChar, layoutRows, toneOrder, type FieldLayout, type KeySpec } from '../../renderer/src/keyboard/layouts';

const text = (style: ToneStyle = 'modern'): EditContext => ({ layout: 'text', style, method: 'off' });
const at = (t: string, start = t.length, end = start): FieldState => ({ text: t, start, end });

function run(state: FieldState, edits: Parameters<typeof applyEdit>[1][], ctx: EditContext): FieldState {
  return edits.reduce<FieldState>((s, e) => {
    const next = applyEdit(s, e, ctx);
    return next ? { text: next.text, start: next.caret, end: next.caret } : s;
  }, state);
}

const toneOfMark: Record<string, Exclude<Tone, 'none'>> = { '\u0301': 'sac', '\u0300': 'huyen', '\u0309': 'hoi', '\u0303': 'nga', '\u0323': 'nang' };

/** The taps a citizen makes for `name`: each letter from its key (capitals with shift), then the word's tone. */
function tapsFor(name: string): Parameters<typeof applyEdit>[1][] {
  return name.split(' ').flatMap((word, i) => {
    const taps: Parameters<typeof applyEdit>[1][] = i > 0 ? [{ kind: 'insert', char: ' ' }] : [];
    let tone: Exclude<Tone, 'none'> | undefined;
    for (const ch of word) {
      const parts = [...ch.normalize('NFD')];
      tone = parts.map((p) => toneOfMark[p]).find(Boolean) ?? tone;
      const letter = parts.filter((p) => !toneOfMark[p]).join('').normalize('NFC');
      const key = letter.toLocaleLowerCase('vi');
      taps.push({ kind: 'insert', char: keyChar(key, letter !== key) });
    }
    if (tone) taps.push({ kind: 'tone', tone });
    return taps;
  });
}

describe('on-screen keyboard: Vietnamese names by touch', () => {
  it.each(['Nguyễn Thị Hồng Nhung', 'Đặng Thuỳ Trâm', "H'Hen Niê", 'Trương Quốc Việt', 'Y Ngông Niê Kdăm', 'Lê Thị Ánh Tuyết'])(
    '%s typed with letter keys and the tone row comes out as the NFC string',
    (name) => {
      const typed = run(at(''), tapsFor(name), text());
      expect(typed.text).toBe(name.normalize('NFC'));
      expect(typed.text.normalize('NFC')).toBe(typed.text);
    },
  );

  it('puts the tone where the configured style wants it', () => {
    expect(run(at(''), tapsFor('Thuỳ'), text('modern')).text).toBe('Thuỳ');
    expect(run(at('Thuy'), [{ kind: 'tone', tone: 'huyen' }], text('traditional')).text).toBe('Thùy');
  });

  it('a second press of the same tone takes it off', () => {
    expect(run(at('Hồng'), [{ kind: 'tone', tone: 'huyen' }], text()).text).toBe('Hông');
  });

  it('Telex typing on the keys works when the clerk turns it on, only for name and address fields', () => {
    const telex: EditContext = { layout: 'text', style: 'modern', method: 'telex' };
    const keys = [...'Nguyeenx'].map((char) => ({ kind: 'insert', char }) as const);
    expect(run(at(''), keys, telex).text).toBe('Nguyễn');
    expect(run(at(''), [...'as'].map((char) => ({ kind: 'insert', char }) as const), { ...telex, layout: 'email' }).text).toBe('as');
  });
});

describe('on-screen keyboard: editing keys', () => {
  it('backspace deletes one whole letter, and a selection as a whole', () => {
    expect(applyEdit(at('Nguyễn', 5), { kind: 'backspace' }, text())).toMatchObject({ text: 'Nguyn', caret: 4 });
    expect(applyEdit(at('Hồng Nhung', 0, 5), { kind: 'backspace' }, text())).toMatchObject({ text: 'Nhung', caret: 0 });
    expect(applyEdit(at(''), { kind: 'backspace' }, text())).toBeNull();
  });

  it('typing replaces a selection', () => {
    expect(applyEdit(at('abc', 1, 2), { kind: 'insert', char: 'x' }, { ...text(), layout: 'password' })).toMatchObject({ text: 'axc', caret: 2 });
  });

  it('caret keys move by whole letters, never into one', () => {
    const s = 'e\u0302\u0303n'; // ễn as typed by a decomposing keyboard
    expect(moveCaret(s, s.length, 'left')).toBe(3);
    expect(moveCaret(s, 3, 'left')).toBe(0);
    expect(moveCaret(s, 0, 'right')).toBe(3);
    expect(moveCaret('👍🏽a', 0, 'right')).toBe(4);
    expect(applyEdit(at('ab', 0), { kind: 'left' }, text())).toBeNull();
    expect(applyEdit(at('abc', 1, 3), { kind: 'right' }, text())).toMatchObject({ caret: 3, inputType: null });
  });

  it("honours the field's maxlength as typing does", () => {
    const ctx: EditContext = { layout: 'numeric', style: 'modern', method: 'off', maxLength: 3 };
    expect(applyEdit(at('123'), { kind: 'insert', char: '4' }, ctx)).toBeNull();
    expect(applyEdit(at('12'), { kind: 'insert', char: '3' }, ctx)).toMatchObject({ text: '123' });
  });

  it('tone keys do nothing in e-mail and password fields, or with no vowel before the caret', () => {
    expect(applyEdit(at('ha'), { kind: 'tone', tone: 'sac' }, { ...text(), layout: 'password' })).toBeNull();
    expect(applyEdit(at('ng'), { kind: 'tone', tone: 'sac' }, text())).toBeNull();
  });

  it('"@gmail.com" after an address that has its "@" types only the domain', () => {
    const email: EditContext = { layout: 'email', style: 'modern', method: 'off' };
    expect(applyEdit(at('nhung'), { kind: 'insert', char: '@gmail.com' }, email)).toMatchObject({ text: 'nhung@gmail.com' });
    expect(applyEdit(at('nhung@'), { kind: 'insert', char: '@gmail.com' }, email)).toMatchObject({ text: 'nhung@gmail.com' });
  });

  it('any sequence of keys leaves NFC text, a caret inside it, and no mark without its letter', () => {
    const keys = ['a', 'ă', 'â', 'e', 'ê', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'i', 'd', 'đ', 'n', 'g', 'q', 'h', 'A', 'Ư', "'", ' '];
    const edit = fc.oneof(
      fc.constantFrom(...keys).map((char) => ({ kind: 'insert', char }) as const),
      fc.constantFrom(...toneOrder).map((tone) => ({ kind: 'tone', tone }) as const),
      fc.constantFrom({ kind: 'backspace' } as const, { kind: 'left' } as const, { kind: 'right' } as const),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 40 }), fc.constantFrom<ToneStyle>('modern', 'traditional'), (edits, style) => {
        const end = run(at(''), edits, text(style));
        expect(end.text.normalize('NFC')).toBe(end.text);
        expect(end.start).toBeGreaterThanOrEqual(0);
        expect(end.start).toBeLessThanOrEqual(end.text.length);
        expect(end.text).not.toMatch(/(^|[^\p{L}])\p{M}/u);
      }),
    );
  });
});

describe('on-screen keyboard layouts', () => {
  const all = (layout: FieldLayout): KeySpec[] => (['letters', 'symbols'] as const).flatMap((layer) => layoutRows(layout, layer).flat());
  const typed = (layout: FieldLayout) =>
    new Set(all(layout).flatMap((k) => (k.action.kind === 'char' ? [k.action.char, keyChar(k.action.char, true)] : [])));

  it('every layout can be closed with "Xong", and every editing layout has backspace and caret keys', () => {
    for (const layout of ['numeric', 'date', 'text', 'email', 'password'] as const) {
      const kinds = new Set(all(layout).map((k) => k.action.kind));
      for (const kind of ['done', 'backspace', 'left', 'right'] as const) expect(kinds, `${layout} ${kind}`).toContain(kind);
    }
  });

  it('the Vietnamese layout has ă â đ ê ô ơ ư keys (and capitals), the apostrophe, and the five tones', () => {
    const chars = typed('text');
    for (const ch of [...'ăâđêôơưĂÂĐÊÔƠƯ\'']) expect(chars).toContain(ch);
    expect(all('text').filter((k) => k.action.kind === 'tone')).toHaveLength(5);
  });

  it('the password layout types every printable ASCII character, and the numeric one every digit', () => {
    const chars = typed('password');
    for (let c = 0x21; c <= 0x7e; c++) expect(chars, String.fromCharCode(c)).toContain(String.fromCharCode(c));
    expect([...typed('numeric')].sort().join('')).toBe('0123456789');
    // The birth-date hint says "12/03/1985": the date keypad can type exactly that.
    expect([...typed('date')].sort().join('')).toBe('/0123456789');
  });
});
