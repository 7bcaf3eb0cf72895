import {
  dissectSyllable,
  isSpelledNucleus,
  nucleusOf,
  toneIndex,
  type Syllable,
  type ToneStyle,
} from './tone-placement';
import {
  familyOf,
  isLetter,
  markOf,
  readVowel,
  withMark,
  writeVowel,
  type Tone,
  type VowelBase,
  type VowelLetter,
  type VowelMark,
} from './vietnamese-letters';

/**
 * Editing operations on the text of a field and its caret. Each works on the syllable around the
 * caret: the run of letters touching it on the left (and continuing to its right, if the caret
 * was moved into a word). Apostrophes end a syllable, so "H'Hen" and "M'nông" are read as
 * "Hen" and "nông". All text comes out NFC; the caret is a UTF-16 index, as in an <input>.
 */
export interface TextState {
  readonly text: string;
  readonly caret: number;
}

/** What an operation did: `removed` is a toggle (the same key twice) or the no-tone key. */
export type EditEffect = 'added' | 'replaced' | 'removed' | 'none';

export interface EditOutcome extends TextState {
  /** False when the key made no sense here (no vowel before the caret, mark that fits no vowel). */
  readonly applied: boolean;
  readonly effect: EditEffect;
}

export type Mark = VowelMark | 'stroke';

/** A mark as a typing method asks for it: Telex narrows "aa" to a-vowels and lets "w" mean ă too. */
export type MarkRequest =
  | { readonly mark: 'circumflex'; readonly family?: 'a' | 'e' | 'o' }
  | { readonly mark: 'breve' }
  | { readonly mark: 'horn'; readonly orBreve?: boolean }
  | { readonly mark: 'stroke' };

interface Located {
  readonly state: TextState;
  readonly start: number;
  readonly end: number;
  readonly syllable: Syllable;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** NFC text, with the caret clamped and moved off any point inside a character. */
export function normalizeState(text: string, caret: number): TextState {
  let at = Number.isFinite(caret) ? Math.min(Math.max(Math.trunc(caret), 0), text.length) : text.length;
  while (at < text.length && /^[\p{M}\uDC00-\uDFFF]$/u.test(text[at] ?? '')) at++;
  const nfc = text.normalize('NFC');
  const before = text.slice(0, at).normalize('NFC');
  if (nfc.startsWith(before)) return { text: nfc, caret: before.length };
  // Composition reached across the caret (Hangul jamo): keep it at the end of that grapheme.
  return { text: nfc, caret: graphemeEnd(nfc, Math.min(before.length, nfc.length)) };
}

function graphemeEnd(text: string, at: number): number {
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length >= at) return index + segment.length;
  }
  return text.length;
}

function letterSpan(state: TextState): { start: number; end: number } | undefined {
  const { text, caret } = state;
  let start = caret;
  while (start > 0 && isLetter(text[start - 1])) start--;
  if (start === caret) return undefined;
  let end = caret;
  while (end < text.length && isLetter(text[end])) end++;
  return { start, end };
}

function locate(state: TextState): Located | undefined {
  const span = letterSpan(state);
  if (span === undefined) return undefined;
  const syllable = dissectSyllable(state.text.slice(span.start, span.end));
  return syllable === undefined ? undefined : { state, ...span, syllable };
}

function rewrite(at: Located, vowels: readonly VowelLetter[], effect: EditEffect): EditOutcome {
  const { text, caret } = at.state;
  const chars = text.slice(at.start, at.end).split('');
  vowels.forEach((v, i) => {
    chars[at.syllable.runStart + i] = writeVowel(v);
  });
  return { text: text.slice(0, at.start) + chars.join('') + text.slice(at.end), caret, applied: true, effect };
}

function unchanged(state: TextState): EditOutcome {
  return { ...state, applied: false, effect: 'none' };
}

function placeTone(syllable: Syllable, vowels: readonly VowelLetter[], tone: Tone, style: ToneStyle): VowelLetter[] {
  const offset = syllable.nucleusStart - syllable.runStart;
  const nucleus = vowels.slice(offset).map((v) => v.base);
  const target = offset + toneIndex(nucleus, syllable.final !== '', style);
  return vowels.map((v, i) => ({ ...v, tone: i === target ? tone : 'none' }));
}

/**
 * Puts `tone` on the right vowel of the syllable before the caret, replacing any other tone.
 * The same tone again takes it off, so a mistaken press is undone by pressing again.
 */
export function applyTone(text: string, caret: number, tone: Tone, style: ToneStyle): EditOutcome {
  const state = normalizeState(text, caret);
  const at = locate(state);
  if (at === undefined) return unchanged(state);
  const { vowels } = at.syllable;
  const current = vowels.findLast((v) => v.tone !== 'none')?.tone ?? 'none';
  if (tone === 'none' || tone === current) {
    if (current === 'none') return unchanged(state);
    return rewrite(at, placeTone(at.syllable, vowels, 'none', style), 'removed');
  }
  return rewrite(at, placeTone(at.syllable, vowels, tone, style), current === 'none' ? 'added' : 'replaced');
}

/** â ê ô, ă, ơ ư (uo → ươ together), đ; pressing the same mark again takes it off. Any tone stays. */
export function applyMark(text: string, caret: number, mark: Mark, style: ToneStyle = 'modern'): EditOutcome {
  return requestMark(normalizeState(text, caret), { mark } as MarkRequest, style);
}

interface Candidate {
  /** The mark is already there: the changes take it off. */
  readonly present: boolean;
  readonly changes: ReadonlyArray<readonly [index: number, base: VowelBase]>;
}

const set = (i: number, base: VowelBase) => [i, base] as const;

function change(nucleus: readonly VowelBase[], i: number, mark: VowelMark): Candidate {
  const base = nucleus[i] as VowelBase;
  const present = markOf(base) === mark;
  return { present, changes: [set(i, withMark(base, present ? 'plain' : mark) ?? base)] };
}

/** u+o take the horn together: ươ (người, hương), except an open "uơ", its own spelling (thuở, huơ). */
function hornOnPair(nucleus: readonly VowelBase[], p: number, open: boolean): Candidate {
  if (nucleus[p + 1] === 'ơ') return { present: true, changes: [set(p, 'u'), set(p + 1, 'o')] };
  const alone = open && p + 2 === nucleus.length && nucleus[p] === 'u';
  return { present: false, changes: [set(p, alone ? 'u' : 'ư'), set(p + 1, 'ơ')] };
}

/** The vowels a mark could go on, most likely first: mưa not muă, hoặc not hơac, người. */
function candidates(nucleus: readonly VowelBase[], request: MarkRequest, open: boolean): Candidate[] {
  const out: Candidate[] = [];
  const indices = nucleus.map((_, i) => i);
  const fam = (i: number): string => familyOf(nucleus[i] as VowelBase);
  if (request.mark === 'circumflex') {
    for (const i of [...indices].reverse()) {
      const f = fam(i);
      if ((f !== 'a' && f !== 'e' && f !== 'o') || (request.family !== undefined && request.family !== f)) continue;
      const c = change(nucleus, i, 'circumflex');
      // ươ → uô: the horn on u goes with the one on o.
      const unhorn = !c.present && f === 'o' && nucleus[i - 1] === 'ư';
      out.push(unhorn ? { ...c, changes: [...c.changes, set(i - 1, 'u')] } : c);
    }
  } else if (request.mark === 'breve') {
    for (const i of [...indices].reverse()) if (fam(i) === 'a') out.push(change(nucleus, i, 'breve'));
  } else if (request.mark === 'horn') {
    const p = indices.find((i) => fam(i) === 'u' && fam(i + 1) === 'o');
    if (p !== undefined) out.push(hornOnPair(nucleus, p, open));
    const oa = indices.find((i) => fam(i) === 'o' && fam(i + 1) === 'a');
    if (request.orBreve === true && oa !== undefined) out.push(change(nucleus, oa + 1, 'breve'));
    for (const i of indices) if (fam(i) === 'u' || fam(i) === 'o') out.push(change(nucleus, i, 'horn'));
    if (request.orBreve === true) {
      for (const i of [...indices].reverse()) if (fam(i) === 'a') out.push(change(nucleus, i, 'breve'));
    }
  }
  return out;
}

/** Applies a mark request to the syllable before the caret of an NFC state. */
export function requestMark(state: TextState, request: MarkRequest, style: ToneStyle): EditOutcome {
  if (request.mark === 'stroke') return applyStroke(state);
  const at = locate(state);
  if (at === undefined) return unchanged(state);
  const { syllable } = at;
  const offset = syllable.nucleusStart - syllable.runStart;
  const nucleus = nucleusOf(syllable);
  for (const candidate of candidates(nucleus, request, syllable.final === '')) {
    const next = [...nucleus];
    for (const [i, base] of candidate.changes) next[i] = base;
    if (!candidate.present && !isSpelledNucleus(next)) continue;
    const vowels = syllable.vowels.map((v, i) => (i < offset ? v : { ...v, base: next[i - offset] as VowelBase }));
    const outcome = rewrite(at, vowels, candidate.present ? 'removed' : 'added');
    return { ...tidy(outcome, style), applied: true, effect: outcome.effect };
  }
  return unchanged(state);
}

function applyStroke(state: TextState): EditOutcome {
  const span = letterSpan(state);
  if (span === undefined) return unchanged(state);
  const word = state.text.slice(span.start, span.end);
  const firstVowel = [...word].findIndex((ch) => readVowel(ch) !== undefined);
  if (firstVowel >= 0 && dissectSyllable(word) === undefined) return unchanged(state);
  const initial = firstVowel < 0 ? word : word.slice(0, firstVowel);
  // Only a syllable that starts with its one d: "dd" typed as letters stays "dd" on a third d.
  if (!/^[dđDĐ]/.test(initial) || (initial.match(/[dđDĐ]/g) ?? []).length !== 1) return unchanged(state);
  const stroked = { d: 'đ', đ: 'd', D: 'Đ', Đ: 'D' }[word[0] as 'd' | 'đ' | 'D' | 'Đ'];
  const text = state.text.slice(0, span.start) + stroked + state.text.slice(span.start + 1);
  const effect = /[đĐ]/.test(word[0] ?? '') ? 'removed' : 'added';
  return { text, caret: state.caret, applied: true, effect };
}

/**
 * After letters are typed the tone may belong elsewhere (tó + a + n = toán, hùy + nh = huỳnh),
 * and an "uơ" that is followed by more letters can only be ươ (huơ + ng = hương).
 */
function tidy(state: TextState, style: ToneStyle): TextState {
  const at = locate(state);
  if (at === undefined) return state;
  const { syllable } = at;
  const offset = syllable.nucleusStart - syllable.runStart;
  let vowels = [...syllable.vowels];
  for (let i = offset; i + 1 < vowels.length; i++) {
    const [u, o] = [vowels[i] as VowelLetter, vowels[i + 1] as VowelLetter];
    if (u.base === 'u' && o.base === 'ơ' && (i + 2 < vowels.length || syllable.final !== '')) {
      vowels[i] = { ...u, base: 'ư' };
    }
  }
  const toned = vowels.filter((v) => v.tone !== 'none');
  // Two tones in one syllable is something pasted, not typed: leave it for the user to see.
  if (toned.length === 1) vowels = placeTone(syllable, vowels, (toned[0] as VowelLetter).tone, style);
  const { text, caret } = rewrite(at, vowels, 'none');
  return { text, caret };
}

/** Tone marks as they appear in NFD: grave, acute, tilde, hook above, dot below. */
const toneMarkNfd = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Inserts what a key (or a direct key such as ă, ơ, Đ) produces, then lets the syllable settle:
 * a tone typed before the last letters of a syllable moves to where it belongs. Text that brings
 * its own tones (a pasted or scanned name, "Hòa" as the card spells it) is left as it came.
 */
export function insertText(text: string, caret: number, s: string, style: ToneStyle = 'modern'): TextState {
  const state = normalizeState(text, caret);
  const before = state.text.slice(0, state.caret) + s;
  const inserted = normalizeState(before + state.text.slice(state.caret), before.length);
  return toneMarkNfd.test(s.normalize('NFD')) ? inserted : tidy(inserted, style);
}

/** Deletes the one grapheme before the caret — a letter with all its marks, an emoji — never half of it. */
export function backspace(text: string, caret: number): TextState {
  const state = normalizeState(text, caret);
  if (state.caret === 0) return state;
  for (const { index, segment } of graphemes.segment(state.text)) {
    if (index + segment.length >= state.caret) {
      return { text: state.text.slice(0, index) + state.text.slice(index + segment.length), caret: index };
    }
  }
  return state;
}
