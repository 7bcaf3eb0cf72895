import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { asField, writeField, type EditableField } from '../keyboard/field-io';
import { buildBurstDetector } from '../scan/scanner-bursts';

/**
 * A USB QR scanner that types like a keyboard, heard anywhere on the screen that shows
 * "Quét CCCD" (with or without the scan dialog open):
 * - characters are collected from keydown and, for characters a keyboard delivers without a key
 *   value (Unicode sent by the scanner, an input method), from trusted `beforeinput`;
 * - a burst of fast keys (see scanner-bursts) ending in Enter, or in silence when it has "|"
 *   separators, is a scan; its Enter is swallowed so it does not submit the form;
 * - if a text field had focus, the scanner's characters landed in it: the field gets back what
 *   it held before the burst;
 * - if nothing editable had focus, characters without a key value (the Vietnamese letters of a
 *   name) would be lost, so once keys come at a scanner's pace focus moves to `sink`, a hidden
 *   input that exists only to receive them, and returns afterwards.
 * The scanned text goes to `onScan` and is never kept or logged here.
 */
const silenceMs = 300;

interface Snapshot {
  readonly field: EditableField | null;
  readonly value: string;
  readonly start: number;
  readonly focused: Element | null;
}

export function useScannerInput(opts: { enabled: Ref<boolean>; sink: Ref<HTMLInputElement | null>; onScan: (text: string) => void }) {
  const detector = buildBurstDetector();
  let snapshot: Snapshot | null = null;
  let pendingKey: string | null = null;
  let silence: ReturnType<typeof setTimeout> | undefined;

  function takeSnapshot(): Snapshot {
    const focused = document.activeElement;
    const field = asField(focused);
    return {
      field,
      value: field?.value ?? '',
      start: field?.selectionStart ?? 0,
      focused,
    };
  }

  function restore(s: Snapshot) {
    if (s.field?.isConnected && s.field.value !== s.value) {
      writeField(s.field, { text: s.value, caret: s.start, inputType: 'insertReplacementText' }, null);
    }
    const sink = opts.sink.value;
    if (sink) sink.value = '';
    if (sink && document.activeElement === sink) {
      if (s.focused instanceof HTMLElement && s.focused.isConnected && s.focused !== document.body) s.focused.focus({ preventScroll: true });
      else sink.blur();
    }
  }

  function add(ch: string, at: number) {
    if (detector.add(ch, at) === 'first') snapshot = takeSnapshot();
    else if (detector.fast && snapshot?.field === null && opts.sink.value && document.activeElement !== opts.sink.value) {
      opts.sink.value.focus({ preventScroll: true });
    }
    clearTimeout(silence);
    silence = setTimeout(() => finish(performance.now(), 'silence'), silenceMs);
  }

  function finish(at: number, end: 'enter' | 'silence'): boolean {
    clearTimeout(silence);
    const s = snapshot;
    snapshot = null;
    const text = detector.finish(at, end);
    if (s && (text !== null || document.activeElement === opts.sink.value)) restore(s);
    if (text === null) return false;
    opts.onScan(text);
    return true;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!opts.enabled.value || !e.isTrusted) return;
    if (e.key === 'Enter') {
      if (detector.fast && finish(e.timeStamp, 'enter')) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      return;
    }
    pendingKey = null;
    if (e.ctrlKey || e.metaKey || e.altKey || [...e.key].length !== 1) return;
    pendingKey = e.key;
    add(e.key, e.timeStamp);
  }

  function onBeforeInput(e: InputEvent) {
    if (!opts.enabled.value || !e.isTrusted || e.inputType !== 'insertText' || !e.data) return;
    // The same character its keydown already counted.
    if (e.data === pendingKey) {
      pendingKey = null;
      return;
    }
    for (const ch of e.data) add(ch, e.timeStamp);
  }

  onMounted(() => {
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
  });
  onBeforeUnmount(() => {
    clearTimeout(silence);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('beforeinput', onBeforeInput, true);
  });
}
