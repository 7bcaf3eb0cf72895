import {
  applyTone,
  backspace,
  buildTypingEngine,
  insertText,
  type InputMethod,
  type TextState,
  type Tone,
  type ToneStyle,
} from '../../../common/input/vietnamese';
import type { FieldLayout } from './layouts';

/**
 * What one key does to a field's text: pure, so every key can be tested without a browser.
 * Vietnamese composition (tone placement, Telex/VNI) applies only to `text` fields (names,
 * addresses); an e-mail address or a password takes exactly the characters pressed.
 */
export interface FieldState {
  readonly text: string;
  /** The selection; equal when it is just a caret. UTF-16 indices, as an <input> reports them. */
  readonly start: number;
  readonly end: number;
}

export interface EditContext {
  readonly layout: FieldLayout;
  readonly style: ToneStyle;
  /** Telex or VNI for a clerk who types that way; 'off' for everybody else. */
  readonly method: InputMethod;
  /** The field's maxlength (-1 or undefined: none), honoured as typing honours it. */
  readonly maxLength?: number;
}

export type Edit =
  | { readonly kind: 'insert'; readonly char: string }
  | { readonly kind: 'tone'; readonly tone: Exclude<Tone, 'none'> }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'left' }
  | { readonly kind: 'right' };

/** The field after the edit, and the `inputType` a browser would report for it; null: nothing changes. */
export interface EditResult extends TextState {
  readonly inputType: 'insertText' | 'deleteContentBackward' | 'insertReplacementText' | null;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

function clamp(state: FieldState): FieldState {
  const start = Math.max(0, Math.min(state.start, state.text.length));
  const end = Math.max(start, Math.min(state.end, state.text.length));
  return { text: state.text, start, end };
}

/** A selection is replaced by whatever is typed, as on a physical keyboard. */
function collapse(state: FieldState): TextState {
  return { text: state.text.slice(0, state.start) + state.text.slice(state.end), caret: state.start };
}

/** One grapheme (a letter with all its marks) to the left or right of the caret. */
export function moveCaret(text: string, caret: number, direction: 'left' | 'right'): number {
  let previous = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    const end = index + segment.length;
    if (direction === 'left' && end >= caret) return index < caret ? index : previous;
    if (direction === 'right' && index >= caret) return end;
    previous = index;
  }
  return direction === 'left' ? Math.min(previous, caret) : text.length;
}

/** "@gmail.com" after an address that already has its "@" types only "gmail.com". */
function snippetFor(text: string, caret: number, char: string): string {
  return char.startsWith('@') && text.slice(0, caret).includes('@') ? char.slice(1) : char;
}

function insert(state: TextState, char: string, ctx: EditContext): TextState {
  if (ctx.layout !== 'text') {
    const s = ctx.layout === 'email' ? snippetFor(state.text, state.caret, char) : char;
    return { text: state.text.slice(0, state.caret) + s + state.text.slice(state.caret), caret: state.caret + s.length };
  }
  if (ctx.method !== 'off' && [...char].length === 1) return buildTypingEngine(ctx.method, ctx.style).key(state, char);
  return insertText(state.text, state.caret, char, ctx.style);
}

export function applyEdit(given: FieldState, edit: Edit, ctx: EditContext): EditResult | null {
  const state = clamp(given);
  const selected = state.start !== state.end;
  switch (edit.kind) {
    case 'left':
    case 'right': {
      const from = selected ? (edit.kind === 'left' ? state.start : state.end) : state.start;
      const caret = selected ? from : moveCaret(state.text, from, edit.kind);
      return caret === state.start && caret === state.end ? null : { text: state.text, caret, inputType: null };
    }
    case 'backspace': {
      const next = selected ? collapse(state) : backspace(state.text, state.start);
      return next.text === state.text ? null : { ...next, inputType: 'deleteContentBackward' };
    }
    case 'insert': {
      const next = insert(collapse(state), edit.char, ctx);
      const limit = ctx.maxLength ?? -1;
      if (limit >= 0 && next.text.length > limit && next.text.length > state.text.length) return null;
      return { ...next, inputType: 'insertText' };
    }
    case 'tone': {
      if (ctx.layout !== 'text' || selected) return null;
      const next = applyTone(state.text, state.start, edit.tone, ctx.style);
      return next.applied ? { text: next.text, caret: next.caret, inputType: 'insertReplacementText' } : null;
    }
  }
}
