/**
 * Vietnamese text composition for the on-screen keyboard and for Telex/VNI typing: what the rest
 * of the kiosk imports. The pieces live beside this file — letters as data
 * (`vietnamese-letters`), where a tone goes (`tone-placement`), the editing operations
 * (`composition`) and the typing methods (`typing-engine`).
 */
export type { Tone, VowelBase, VowelMark } from './vietnamese-letters';
export type { ToneStyle } from './tone-placement';
export type { EditEffect, EditOutcome, Mark, TextState } from './composition';
export { applyMark, applyTone, backspace, insertText } from './composition';
export type { InputMethod, TypingEngine } from './typing-engine';
export { buildTypingEngine } from './typing-engine';
