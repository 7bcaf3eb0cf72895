import { nextTick, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { afterTap } from '../../composables/tapGuard';
import type { EditableField } from '../field-io';

/**
 * The keyboard is fixed to the bottom of the screen and the app makes room for it: its height is
 * `--keyboard-inset` on the root element, which is the app's bottom padding and the bottom edge of
 * every dialog. So the content region (and the action bar under it, with the step's "next"
 * button) shrinks to the space above the keys instead of sliding under them, and the field being
 * filled — with its label and its error message — is scrolled into view inside its own region.
 *
 * Nothing moves while a tap is in progress (see tapGuard): tapping "Đăng nhập" takes focus from
 * the field and closes the keyboard, and if the screen grew before the finger lifted, the release
 * would land somewhere else and the tap would be lost.
 */
export function useKeyboardInset(opts: { keyboardEl: Ref<HTMLElement | null>; visible: Ref<boolean>; field: Ref<EditableField | null> }) {
  const root = document.documentElement;
  let keyboardObserver: ResizeObserver | undefined;
  // An error appearing above the field (the one just left was checked) pushes it down.
  let contentObserver: ResizeObserver | undefined;
  let observedContent: Element | null = null;

  function height(): number {
    return opts.visible.value ? (opts.keyboardEl.value?.getBoundingClientRect().height ?? 0) : 0;
  }

  function reveal() {
    const field = opts.field.value;
    if (!opts.visible.value || !field?.isConnected) return;
    const box = field.closest('.field') ?? field;
    // A search box goes to the top of its region, so what it finds shows under it.
    if (field.dataset.reveal === 'top') return box.scrollIntoView({ block: 'start', inline: 'nearest' });
    // The label, hint and error with the box if they fit above the keys; the box itself always.
    box.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    field.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  function watchContentOf(field: EditableField | null) {
    const content = field?.closest('.screen__inner, .dialog') ?? null;
    if (content === observedContent) return;
    if (observedContent) contentObserver?.unobserve(observedContent);
    observedContent = content;
    if (content) contentObserver?.observe(content);
  }

  function apply() {
    root.style.setProperty('--keyboard-inset', `${Math.ceil(height())}px`);
    watchContentOf(opts.visible.value ? opts.field.value : null);
    requestAnimationFrame(reveal);
  }
  const update = () => afterTap(apply);

  watch([opts.visible, opts.field], async () => {
    await nextTick();
    update();
  });

  onMounted(() => {
    keyboardObserver = new ResizeObserver(update);
    if (opts.keyboardEl.value) keyboardObserver.observe(opts.keyboardEl.value);
    contentObserver = new ResizeObserver(() => afterTap(() => requestAnimationFrame(reveal)));
    window.addEventListener('resize', update);
  });
  onBeforeUnmount(() => {
    keyboardObserver?.disconnect();
    contentObserver?.disconnect();
    window.removeEventListener('resize', update);
    root.style.removeProperty('--keyboard-inset');
  });
  return { reveal: () => requestAnimationFrame(reveal) };
}
