import {
  applyTone,
  insertText,
  normalizeState,
  requestMark,
  type EditOutcome,
  type MarkRequest,
  type TextState,
} from './composition';
import type { ToneStyle } from './tone-placement';
import { isLetter, readVowel, type Tone } from './vietnamese-letters';

/**
 * Telex and VNI, the two ways Vietnamese is typed on a Latin keyboard. A key that changes the
 * syllable before the caret (a tone, a mark) does so; the same key again undoes it and types
 * the key itself ("as" → á, "ass" → as); a key that cannot change the syllable is a letter.
 * The engine keeps no memory between keys: everything it needs is in the text, so moving the
 * caret or editing by touch never leaves it in a stale mode.
 */
export type InputMethod = 'telex' | 'vni' | 'off';

export interface TypingEngine {
  readonly method: InputMethod;
  key(state: TextState, ch: string): TextState;
}

type KeyAction = { readonly tone: Tone } | { readonly request: MarkRequest };

const telexKeys: Readonly<Record<string, KeyAction>> = {
  s: { tone: 'sac' },
  f: { tone: 'huyen' },
  r: { tone: 'hoi' },
  x: { tone: 'nga' },
  j: { tone: 'nang' },
  z: { tone: 'none' },
  a: { request: { mark: 'circumflex', family: 'a' } },
  e: { request: { mark: 'circumflex', family: 'e' } },
  o: { request: { mark: 'circumflex', family: 'o' } },
  w: { request: { mark: 'horn', orBreve: true } },
  d: { request: { mark: 'stroke' } },
};

const vniKeys: Readonly<Record<string, KeyAction>> = {
  '1': { tone: 'sac' },
  '2': { tone: 'huyen' },
  '3': { tone: 'hoi' },
  '4': { tone: 'nga' },
  '5': { tone: 'nang' },
  '0': { tone: 'none' },
  '6': { request: { mark: 'circumflex' } },
  '7': { request: { mark: 'horn' } },
  '8': { request: { mark: 'breve' } },
  '9': { request: { mark: 'stroke' } },
};

function perform(state: TextState, action: KeyAction, style: ToneStyle): EditOutcome {
  return 'tone' in action
    ? applyTone(state.text, state.caret, action.tone, style)
    : requestMark(state, action.request, style);
}

/** True when no vowel has been typed yet in the word before the caret: Telex "w" is then ư. */
function awaitingVowel(state: TextState): boolean {
  let i = state.caret;
  while (i > 0 && isLetter(state.text[i - 1])) {
    i--;
    if (readVowel(state.text[i] ?? '') !== undefined) return false;
  }
  return true;
}

export function buildTypingEngine(method: InputMethod, style: ToneStyle = 'modern'): TypingEngine {
  const keys = method === 'telex' ? telexKeys : method === 'vni' ? vniKeys : {};
  const literal = (state: TextState, ch: string): TextState => insertText(state.text, state.caret, ch, style);
  return {
    method,
    key(given, ch) {
      const state = normalizeState(given.text, given.caret);
      const action = keys[ch.toLowerCase()];
      if (action === undefined) return literal(state, ch);
      const outcome = perform(state, action, style);
      const { text, caret } = outcome;
      // "z" / "0" only ever takes a tone off; every other key undone by repetition is typed.
      if (outcome.effect === 'added' || outcome.effect === 'replaced') return { text, caret };
      if (outcome.effect === 'removed' && 'tone' in action && action.tone === 'none') return { text, caret };
      if (outcome.effect === 'none' && method === 'telex' && ch.toLowerCase() === 'w' && awaitingVowel(state)) {
        return literal(state, ch === 'W' ? 'Ư' : 'ư');
      }
      return literal({ text, caret }, ch);
    },
  };
}
