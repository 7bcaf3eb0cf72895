import { nextTick, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import type { EditableField } from './field-io';

/**
 * The keyboard sits at the bottom of the screen over the page; the page gets that much room
 * below its content (`--keyboard-inset`, used by keyboard.css) and scrolls so the field being
 * filled — with its label and its error message — stays in view above the keys.
 *
 * Nothing moves while a finger (or mouse button) is down: tapping "Đăng nhập" takes focus from
 * the field and closes the keyboard, and if the page shrank or scrolled before the finger
 * lifted, the release would land somewhere else and the tap would be lost.
 */
const margin = 16;

export function useKeyboardInset(opts: { keyboardEl: Ref<HTMLElement | null>; visible: Ref<boolean>; field: Ref<EditableField | null> }) {
  const root = document.documentElement;
  let observer: ResizeObserver | undefined;
  // An error message appearing above the field (the one just left was checked) pushes it down.
  let pageObserver: ResizeObserver | undefined;
  let pointerDown = false;
  let waiting = false;

  function height(): number {
    return opts.visible.value ? (opts.keyboardEl.value?.getBoundingClientRect().height ?? 0) : 0;
  }

  function reveal() {
    const field = opts.field.value;
    if (!opts.visible.value || !field?.isConnected) return;
    const box = (field.closest('.field') ?? field).getBoundingClientRect();
    const bottomLimit = window.innerHeight - height() - margin;
    let delta = Math.max(0, box.bottom - bottomLimit);
    // A field taller than the room left is shown from its top (the label), never cut at the top.
    if (box.top - delta < margin) delta = box.top - margin;
    if (Math.abs(delta) > 1) window.scrollBy({ top: delta, behavior: 'instant' });
  }

  function update() {
    if (pointerDown) {
      waiting = true;
      return;
    }
    waiting = false;
    root.style.setProperty('--keyboard-inset', `${Math.ceil(height())}px`);
    requestAnimationFrame(reveal);
  }

  const onDown = () => (pointerDown = true);
  const onUp = () => {
    pointerDown = false;
    // After the click that this release makes has been dispatched.
    if (waiting) setTimeout(update, 0);
  };

  watch([opts.visible, opts.field], async () => {
    await nextTick();
    update();
  });

  onMounted(() => {
    observer = new ResizeObserver(update);
    if (opts.keyboardEl.value) observer.observe(opts.keyboardEl.value);
    pageObserver = new ResizeObserver(() => {
      if (opts.visible.value && !pointerDown) requestAnimationFrame(reveal);
    });
    // body is as tall as the window; the app's own box is what grows with the page.
    pageObserver.observe(opts.keyboardEl.value?.closest('.app') ?? document.body);
    window.addEventListener('resize', update);
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    pageObserver?.disconnect();
    window.removeEventListener('resize', update);
    window.removeEventListener('pointerdown', onDown, true);
    window.removeEventListener('pointerup', onUp, true);
    window.removeEventListener('pointercancel', onUp, true);
    root.style.removeProperty('--keyboard-inset');
  });
  return { reveal: () => requestAnimationFrame(reveal) };
}
