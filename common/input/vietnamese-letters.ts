/**
 * The Vietnamese vowel letters as data: every precomposed vowel is a base (one of twelve, the
 * diacritic included) plus one of six tones. Tables are built from Unicode's own composition
 * rather than typed out, so a look-alike character cannot slip in.
 */

export type Tone = 'none' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

export const tones: readonly Tone[] = ['none', 'sac', 'huyen', 'hoi', 'nga', 'nang'];

export type VowelBase = 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y';

/** The diacritics that change a vowel's quality; the tone is separate. */
export type VowelMark = 'circumflex' | 'breve' | 'horn';

export type VowelFamily = 'a' | 'e' | 'i' | 'o' | 'u' | 'y';

export interface VowelLetter {
  readonly base: VowelBase;
  readonly tone: Tone;
  readonly upper: boolean;
}

const vowelBases: readonly VowelBase[] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

const combiningTone: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};

const letterOf = new Map<string, VowelLetter>();
const charOf = new Map<string, string>();
const key = (v: VowelLetter): string => `${v.base}${v.tone}${v.upper ? 'U' : 'l'}`;

for (const base of vowelBases) {
  for (const tone of tones) {
    const lower = (base + (tone === 'none' ? '' : combiningTone[tone])).normalize('NFC');
    for (const [ch, upper] of [
      [lower, false],
      [lower.toUpperCase(), true],
    ] as const) {
      const letter: VowelLetter = { base, tone, upper };
      letterOf.set(ch, letter);
      charOf.set(key(letter), ch);
    }
  }
}

/** The vowel a single NFC character spells, or undefined for anything else. */
export function readVowel(ch: string): VowelLetter | undefined {
  return letterOf.get(ch);
}

export function writeVowel(letter: VowelLetter): string {
  const ch = charOf.get(key(letter));
  // Every base × tone × case was put in the table above.
  if (ch === undefined) throw new Error(`No Vietnamese letter for ${key(letter)}`);
  return ch;
}

// prettier-ignore
const families: Readonly<Record<VowelBase, VowelFamily>> = {
  a: 'a', ă: 'a', â: 'a', e: 'e', ê: 'e', i: 'i', o: 'o', ô: 'o', ơ: 'o', u: 'u', ư: 'u', y: 'y',
};

// prettier-ignore
const marks: Readonly<Record<VowelBase, VowelMark | null>> = {
  a: null, ă: 'breve', â: 'circumflex', e: null, ê: 'circumflex', i: null,
  o: null, ô: 'circumflex', ơ: 'horn', u: null, ư: 'horn', y: null,
};

const marked: Readonly<Record<VowelFamily, Partial<Record<VowelMark | 'plain', VowelBase>>>> = {
  a: { plain: 'a', circumflex: 'â', breve: 'ă' },
  e: { plain: 'e', circumflex: 'ê' },
  i: { plain: 'i' },
  o: { plain: 'o', circumflex: 'ô', horn: 'ơ' },
  u: { plain: 'u', horn: 'ư' },
  y: { plain: 'y' },
};

export function familyOf(base: VowelBase): VowelFamily {
  return families[base];
}

export function markOf(base: VowelBase): VowelMark | null {
  return marks[base];
}

/** The base with `mark` (or none), if that vowel can carry it: a→â, o→ơ, ư→u; e cannot take a horn. */
export function withMark(base: VowelBase, mark: VowelMark | 'plain'): VowelBase | undefined {
  return marked[families[base]][mark];
}

export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /^\p{L}$/u.test(ch);
}
