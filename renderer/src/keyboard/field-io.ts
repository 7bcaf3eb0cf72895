import type { FieldState, EditResult } from './key-edit';
import { isLayout, type FieldLayout } from './layouts';

/**
 * Reading and writing a text field exactly as typing does. The value goes in through the
 * element's own (prototype) setter and an `input` event follows, so Vue's v-model, a form's checks
 * and anything else listening cannot tell a key on the screen from a key on a keyboard.
 * Nothing here keeps or logs what the field holds: it may be a password or an OTP.
 */
export type EditableField = HTMLInputElement | HTMLTextAreaElement;

export const fieldSelector = 'input[data-keyboard], textarea[data-keyboard]';

export function asField(target: EventTarget | null): EditableField | null {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return null;
  if (!target.matches(fieldSelector) || target.readOnly || target.disabled) return null;
  return target;
}

export function layoutOf(field: EditableField): FieldLayout {
  const layout = field.dataset.keyboard;
  return isLayout(layout) ? layout : 'text';
}

export function readField(field: EditableField): FieldState {
  const text = field.value;
  // Some input types (email, number) have no selection API: treat the caret as at the end.
  const start = field.selectionStart ?? text.length;
  const end = field.selectionEnd ?? start;
  return { text, start, end };
}

const valueSetter = (field: EditableField) =>
  Object.getOwnPropertyDescriptor(field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype, 'value')
    ?.set;

/**
 * Moves the caret only where it is not already: setSelectionRange on the focused field makes the
 * browser lay the page out there and then (to keep the caret in view), and a key typed at the end
 * of the text — nearly every key — leaves the caret where the value setter put it. Reading the
 * selection does not lay anything out.
 */
function placeCaret(field: EditableField, caret: number): void {
  if (field.selectionStart === caret && field.selectionEnd === caret) return;
  try {
    field.setSelectionRange(caret, caret);
  } catch {
    // Input types without a selection keep the browser's caret at the end.
  }
}

export function writeField(field: EditableField, next: EditResult, data: string | null): void {
  if (next.inputType === null || next.text === field.value) {
    placeCaret(field, next.caret);
    return;
  }
  valueSetter(field)?.call(field, next.text);
  placeCaret(field, next.caret);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: next.inputType, data }));
  // A listener may have rewritten the value (a mask, a trim); the caret stays where it can.
  placeCaret(field, Math.min(next.caret, field.value.length));
}

/** The visible label of the field, shown on the keyboard so the citizen sees what they are filling. */
export function fieldLabel(field: EditableField): string {
  const label = field.labels?.[0]?.textContent ?? field.getAttribute('aria-label') ?? '';
  return label.replace(/\s*\*\s*$/, '').replace(/\s+/g, ' ').trim();
}
