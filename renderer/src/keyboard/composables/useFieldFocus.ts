import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import { asField, type EditableField } from '../field-io';

/**
 * Which text field the on-screen keyboard serves, and how the citizen is giving input.
 * The keyboard's own buttons never take focus from the field when touched (they cancel
 * pointerdown); a clerk who tabs onto them keeps the field as the target too. Any other
 * focus change ends the field's turn.
 *
 * `modality` is 'keyboard' while a physical keyboard is in use (the last thing pressed was a
 * key) and 'pointer' after a touch or click; in `auto` mode the on-screen keyboard follows it.
 */
const modifierKeys = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'Fn', 'OS']);

export function useFieldFocus(keyboardEl: Ref<HTMLElement | null>) {
  const field = shallowRef<EditableField | null>(null);
  const modality = ref<'pointer' | 'keyboard'>('pointer');

  const insideKeyboard = (node: EventTarget | null) => node instanceof Node && (keyboardEl.value?.contains(node) ?? false);

  function onFocusIn(e: FocusEvent) {
    const target = asField(e.target);
    if (target) field.value = target;
    else if (!insideKeyboard(e.target)) field.value = null;
  }
  function onFocusOut(e: FocusEvent) {
    if (e.target !== field.value) return;
    if (insideKeyboard(e.relatedTarget) || asField(e.relatedTarget)) return;
    field.value = null;
  }
  function onPointerDown(e: PointerEvent) {
    modality.value = 'pointer';
    // A tap on the field that already has focus brings the keyboard back after physical typing.
    const target = asField(e.target);
    if (target && target === document.activeElement) field.value = target;
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.isTrusted && !modifierKeys.has(e.key) && !insideKeyboard(e.target)) modality.value = 'keyboard';
  }

  /** Forget the field (it was left, removed, or the next citizen arrived). */
  function release() {
    field.value = null;
  }

  onMounted(() => {
    document.addEventListener('focusin', onFocusIn, true);
    document.addEventListener('focusout', onFocusOut, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown, true);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('focusin', onFocusIn, true);
    document.removeEventListener('focusout', onFocusOut, true);
    window.removeEventListener('pointerdown', onPointerDown, true);
    window.removeEventListener('keydown', onKeyDown, true);
  });

  return { field, modality, release };
}
