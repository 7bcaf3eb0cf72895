import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import type { InputMethod, ToneStyle } from '../../../../common/input/vietnamese';
import { asField, layoutOf, readField, writeField } from '../field-io';
import { applyEdit } from '../key-edit';

/**
 * Telex or VNI on a clerk's physical keyboard, for name and address fields only (an e-mail or
 * password must take the keys as pressed). Each printable key is taken before the browser
 * types it and goes through the same composition as the on-screen keys; shortcuts, IME
 * composition and keys with Ctrl/Alt/Meta are left alone.
 */
export function usePhysicalTyping(opts: { method: Readonly<Ref<InputMethod>>; style: Readonly<Ref<ToneStyle>> }) {
  function onKeyDown(e: KeyboardEvent) {
    if (opts.method.value === 'off' || e.defaultPrevented || e.isComposing) return;
    if (e.ctrlKey || e.metaKey || e.altKey || [...e.key].length !== 1) return;
    const field = asField(e.target);
    if (!field || layoutOf(field) !== 'text') return;
    e.preventDefault();
    const next = applyEdit(
      readField(field),
      { kind: 'insert', char: e.key },
      { layout: 'text', method: opts.method.value, style: opts.style.value, maxLength: field.maxLength },
    );
    if (next) writeField(field, next, e.key);
  }
  onMounted(() => document.addEventListener('keydown', onKeyDown, true));
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeyDown, true));
}
