/**
 * What `npm run bench:ui` measures inside the page. Installed before the page's own scripts
 * (Playwright's addInitScript serialises `instrument` on its own, so it may use nothing from
 * outside its body), listening on the window in the capture phase before the page's listeners
 * and in the bubble phase after them.
 *
 * One record per touch on an on-screen key, in the page's clock (ms):
 * - `down`: the pointerdown's `timeStamp`, when the browser took the touch;
 * - `start`: when its first listener ran (the wait between is the main thread being busy);
 * - `input`: when the field's `input` event fired (the glyph is in the field's value);
 * - `handled`: after every pointerdown listener *and the microtasks after each* (Vue's update is a
 *   microtask after the listener that changed the state): the glyph and a search's results are
 *   in the DOM;
 * - `frame`: the next frame's requestAnimationFrame callbacks begin (the wait is for the display);
 * - `painted`: a task posted from that callback runs, after the frame's style, layout and paint.
 * `search` says whether a result list was on the page (the procedure step).
 *
 * Screen transitions: from the `pointerup` that ends a tap on the wizard's "next"/"back" (the
 * button acts on the click that follows it) until the step counter says another step and the
 * frame after it has been produced.
 */
export interface TapRecord {
  down: number;
  start: number;
  input: number;
  handled: number;
  frame: number;
  painted: number;
  search: boolean;
}

export interface TransitionRecord {
  from: string;
  to: string;
  up: number;
  shown: number;
  painted: number;
}

export interface BenchState {
  recording: boolean;
  taps: TapRecord[];
  transitions: TransitionRecord[];
  /** Set by the bench before a tap that should change the step counter. */
  expectStep: boolean;
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

export function instrument(): void {
  const bench: BenchState = { recording: true, taps: [], transitions: [], expectStep: false };
  window.__bench = bench;
  const afterFrame = (done: (frame: number, painted: number) => void) =>
    requestAnimationFrame(() => {
      const frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(frame, performance.now());
      channel.port2.postMessage(null);
    });

  let current: { down: number; start: number; input: number | null; search: boolean } | null = null;
  addEventListener(
    'pointerdown',
    (e) => {
      current = null;
      if (!bench.recording || !(e.target instanceof Element) || !e.target.closest('[data-key]')) return;
      current = { down: e.timeStamp, start: performance.now(), input: null, search: document.querySelector('.option-list') !== null };
    },
    { capture: true },
  );
  addEventListener('input', () => current && current.input === null && (current.input = performance.now()), { capture: true });
  addEventListener('pointerdown', () => {
    const c = current;
    current = null;
    // A key that typed nothing (shift, a layer) has no glyph to wait for.
    if (!c || c.input === null) return;
    const handled = performance.now();
    const input = c.input;
    afterFrame((frame, painted) => bench.taps.push({ down: c.down, start: c.start, input, handled, frame, painted, search: c.search }));
  });

  const stepText = () => document.querySelector('.wizard-progress__count')?.textContent?.trim() ?? '';
  addEventListener(
    'pointerup',
    (e) => {
      if (!bench.recording || !bench.expectStep) return;
      bench.expectStep = false;
      const up = e.timeStamp;
      const from = stepText();
      const seen = new MutationObserver(() => {
        const to = stepText();
        if (to === from || to === '') return;
        seen.disconnect();
        const shown = performance.now();
        afterFrame((_frame, painted) => bench.transitions.push({ from, to, up, shown, painted }));
      });
      seen.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { capture: true },
  );
}
