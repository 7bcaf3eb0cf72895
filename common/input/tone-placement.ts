import { markOf, readVowel, type VowelBase, type VowelLetter } from './vietnamese-letters';

/**
 * Where a syllable's tone mark goes. Vietnamese writes one tone per syllable, on one vowel of the
 * nucleus; the rules below are the orthography taught in schools (Quy tắc đặt dấu thanh). The
 * only point on which spellings differ is an open oa/oe/uy: the "modern" style (Quyết định
 * 1989/QĐ-BGDĐT, used by most current documents) writes hoà, khoẻ, thuỷ; the "traditional"
 * style, still common on signs and in older registers, writes hòa, khỏe, thủy.
 */
export type ToneStyle = 'modern' | 'traditional';

/** Final consonants of Vietnamese, plus k for Central Highlands names (Đắk Lắk, Krông Búk). */
const finals = new Set(['', 'c', 'ch', 'k', 'm', 'n', 'ng', 'nh', 'p', 't']);

/**
 * Nuclei that contain a marked vowel. A mark key only produces one of these, so "ngoeo" does
 * not become "ngôe" and Telex can tell a mark from a letter the user meant literally.
 */
// prettier-ignore
const markedNuclei = new Set([
  'ă', 'â', 'ê', 'ô', 'ơ', 'ư',
  'âu', 'ây', 'êu', 'iê', 'oă', 'ôi', 'ơi', 'uâ', 'uê', 'uô', 'uơ', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'yêu', 'uây', 'uôi', 'ươi', 'ươu', 'uyê',
]);

/** The anatomy of one syllable; offsets are UTF-16 indices into the syllable's NFC text. */
export interface Syllable {
  /** Every vowel letter, including the u of qu and the i of gi. */
  readonly runStart: number;
  readonly runEnd: number;
  /** Where the nucleus starts: after qu/gi the u/i belongs to the initial consonant. */
  readonly nucleusStart: number;
  readonly vowels: readonly VowelLetter[];
  readonly final: string;
}

/**
 * Reads `text` as one Vietnamese syllable: consonants, then one run of vowels, then a final
 * consonant. Anything else — no vowel, a second vowel run, an ending such as "as" that is no
 * Vietnamese final — is not a syllable, and no key will change it.
 */
export function dissectSyllable(text: string): Syllable | undefined {
  let runStart = 0;
  while (runStart < text.length && readVowel(text[runStart] ?? '') === undefined) runStart++;
  if (runStart === text.length) return undefined;
  let runEnd = runStart;
  const vowels: VowelLetter[] = [];
  for (let v = readVowel(text[runEnd] ?? ''); v !== undefined; v = readVowel(text[runEnd] ?? '')) {
    vowels.push(v);
    runEnd++;
  }
  const final = text.slice(runEnd).toLowerCase();
  if (!finals.has(final)) return undefined;

  const initial = text.slice(0, runStart).toLowerCase();
  const first = vowels[0]?.base;
  // qu and gi are single consonants; the u/i is a vowel only when nothing else is (gì, gìn).
  const clustered = vowels.length > 1 && ((initial === 'q' && first === 'u') || (initial === 'g' && first === 'i'));
  const nucleusStart = clustered ? runStart + 1 : runStart;
  if (runEnd - nucleusStart > 3) return undefined;
  return { runStart, runEnd, nucleusStart, vowels, final };
}

export function nucleusOf(syllable: Syllable): VowelBase[] {
  return syllable.vowels.slice(syllable.nucleusStart - syllable.runStart).map((v) => v.base);
}

/** Index into the nucleus of the vowel that carries the tone. */
export function toneIndex(nucleus: readonly VowelBase[], closed: boolean, style: ToneStyle): number {
  // A vowel with its own diacritic always takes the tone; in ươ it is the second (người, rượu).
  for (let i = nucleus.length - 1; i >= 0; i--) {
    if (markOf(nucleus[i] as VowelBase) !== null) return i;
  }
  if (nucleus.length === 1) return 0;
  // A final consonant pulls the tone to the last vowel: hoàng, toán, huỳnh, soóc.
  if (closed) return nucleus.length - 1;
  // Open triphthongs take it in the middle: hoài, xoáy, ngoẻo, khuỷu.
  if (nucleus.length === 3) return 1;
  const pair = nucleus.join('');
  if (pair === 'oa' || pair === 'oe' || pair === 'uy') return style === 'modern' ? 1 : 0;
  // Other open diphthongs stress the first vowel: mía, mùa, cái, gửi.
  return 0;
}

/** True when a nucleus that a mark key produced is one Vietnamese spelling uses. */
export function isSpelledNucleus(nucleus: readonly VowelBase[]): boolean {
  return markedNuclei.has(nucleus.join(''));
}
