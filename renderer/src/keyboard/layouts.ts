import type { Tone } from '../../../common/input/vietnamese';

/**
 * The on-screen keyboard's keys as data. A field says which layout it wants with its
 * `data-keyboard` attribute (set by TextField); each layout has a letters layer and, where a
 * field needs them, a symbols layer. Labels of special keys come from the locale files; a
 * character key shows its own character.
 */
export type FieldLayout = 'numeric' | 'date' | 'text' | 'email' | 'password';
export type Layer = 'letters' | 'symbols';

export type KeyAction =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'snippet'; readonly text: string }
  | { readonly kind: 'tone'; readonly tone: Exclude<Tone, 'none'> }
  | { readonly kind: 'space' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'left' }
  | { readonly kind: 'right' }
  | { readonly kind: 'shift' }
  | { readonly kind: 'layer'; readonly layer: Layer }
  | { readonly kind: 'done' };

export interface KeySpec {
  readonly id: string;
  readonly action: KeyAction;
  /** Relative width in the row (1 = an ordinary letter key). */
  readonly width: number;
}

export function isLayout(value: string | undefined): value is FieldLayout {
  return value === 'numeric' || value === 'date' || value === 'text' || value === 'email' || value === 'password';
}

const key = (action: KeyAction, width = 1, id?: string): KeySpec => ({
  id: id ?? (action.kind === 'char' ? `char:${action.char}` : action.kind === 'snippet' ? `snippet:${action.text}` : action.kind === 'tone' ? `tone:${action.tone}` : action.kind === 'layer' ? `layer:${action.layer}` : action.kind),
  action,
  width,
});
const chars = (s: string): KeySpec[] => [...s].map((char) => key({ kind: 'char', char }));
const snippet = (text: string, width = 1): KeySpec => key({ kind: 'snippet', text }, width);

const space = (width: number) => key({ kind: 'space' }, width);
const backspace = (width = 1.5) => key({ kind: 'backspace' }, width);
const left = key({ kind: 'left' });
const right = key({ kind: 'right' });
const shift = key({ kind: 'shift' }, 1.5);
const done = (width = 2) => key({ kind: 'done' }, width);
const toLayer = (layer: Layer, width = 1.5) => key({ kind: 'layer', layer }, width);

/** The five tones in the order Vietnamese schoolbooks teach them. */
export const toneOrder: readonly Exclude<Tone, 'none'>[] = ['sac', 'huyen', 'hoi', 'nga', 'nang'];
/** What each tone looks like on a plain "a", drawn on its key so the mark is recognisable. */
export const toneSample: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  sac: 'á',
  huyen: 'à',
  hoi: 'ả',
  nga: 'ã',
  nang: 'ạ',
};

const digits = chars('1234567890');
const qwerty = [chars('qwertyuiop'), chars('asdfghjkl'), chars('zxcvbnm')] as const;

const layouts: Readonly<Record<FieldLayout, Readonly<Record<Layer, readonly (readonly KeySpec[])[]>>>> = {
  // ID numbers, phones, OTPs: a big keypad like a phone's.
  numeric: {
    letters: [
      [...chars('123'), backspace(1)],
      [...chars('456'), left],
      [...chars('789'), right],
      [key({ kind: 'char', char: '0' }, 3), done(1)],
    ],
    symbols: [],
  },
  // Dates: the same keypad with the "/" the hint shows (12/03/1985); eight bare digits work too.
  date: {
    letters: [
      [...chars('123'), backspace(1)],
      [...chars('456'), left],
      [...chars('789'), right],
      [...chars('/'), key({ kind: 'char', char: '0' }, 2), done(1)],
    ],
    symbols: [],
  },
  // Names and addresses: Vietnamese letters typed directly, tones from their own row.
  text: {
    letters: [
      toneOrder.map((tone) => key({ kind: 'tone', tone })),
      chars("ăâđêôơư'-"),
      qwerty[0],
      qwerty[1],
      [shift, ...qwerty[2], backspace()],
      [toLayer('symbols'), ...chars(','), left, space(4), right, ...chars('.'), done()],
    ],
    symbols: [
      digits,
      chars('-/:;(),.\'"'),
      chars('@&#?!%+=*_'),
      [toLayer('letters'), left, space(4), right, backspace(), done()],
    ],
  },
  email: {
    letters: [
      digits,
      qwerty[0],
      qwerty[1],
      [...chars('@'), ...qwerty[2], ...chars('_'), backspace()],
      [...chars('.-'), left, right, snippet('.com', 1.5), snippet('.vn', 1.5), snippet('@gmail.com', 2.5), done()],
    ],
    symbols: [],
  },
  // Passwords: every character a password may hold; nothing drawn bigger than the key pressed.
  password: {
    letters: [digits, qwerty[0], qwerty[1], [shift, ...qwerty[2], backspace()], [toLayer('symbols'), left, space(4), right, done()]],
    symbols: [
      chars('!@#$%^&*()'),
      chars('-_=+[]{}\\|'),
      chars(';:\'",.<>/?'),
      [toLayer('letters'), ...chars('~`'), left, space(3), right, backspace(), done()],
    ],
  },
};

/**
 * The rows of a layout's layer. `compact` (a landscape screen, where height is short) puts the
 * tone row and the ă â đ ê ô ơ ư row side by side: one row less between the field and the keys.
 */
export function layoutRows(layout: FieldLayout, layer: Layer, opts: { compact?: boolean } = {}): readonly (readonly KeySpec[])[] {
  const rows = layouts[layout][layer].length > 0 ? layouts[layout][layer] : layouts[layout].letters;
  if (opts.compact && layout === 'text' && rows === layouts.text.letters) return [[...rows[0]!, ...rows[1]!], ...rows.slice(2)];
  return rows;
}

/** The character a key types, with shift applied (ß and friends keep their own case). */
export function keyChar(char: string, shifted: boolean): string {
  if (!shifted) return char;
  const upper = char.toLocaleUpperCase('vi');
  return [...upper].length === 1 ? upper : char;
}
