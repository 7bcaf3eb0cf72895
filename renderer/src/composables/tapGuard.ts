/**
 * A tap is pointerdown … pointerup … click, and the click goes to the element under the finger
 * *when it lifts*. If anything moves in between — the on-screen keyboard closing because the
 * field lost focus, an error appearing under the field just left — the release lands on
 * something else, Chromium sends the click to what the two have in common, and the tap is lost:
 * an elderly citizen decides the kiosk is broken. So a change of layout that a tap itself causes
 * waits until that tap is over: `afterTap(fn)` runs `fn` at once when no finger (or mouse
 * button) is down, or else right after the click that ends the tap has been dispatched.
 */
const down = new Set<number>();
/** From the first pointerdown until the click that ends the tap (or a moment after release without one). */
let tapping = false;
let queue: Array<() => void> = [];
let fallback: ReturnType<typeof setTimeout> | undefined;
let installed = false;

function endTap() {
  clearTimeout(fallback);
  fallback = undefined;
  if (down.size > 0) return;
  tapping = false;
  const run = queue;
  queue = [];
  for (const fn of run) fn();
}

function onDown(e: PointerEvent) {
  down.add(e.pointerId);
  tapping = true;
  clearTimeout(fallback);
}

function onUp(e: PointerEvent) {
  down.delete(e.pointerId);
  if (down.size > 0) return;
  // A touch's mousedown (which moves focus) and click come as their own input event after
  // pointerup. Without a click (a drag, a release off any control) nothing else ends the tap.
  clearTimeout(fallback);
  fallback = setTimeout(endTap, 300);
}

function onClick() {
  if (!tapping || down.size > 0) return;
  clearTimeout(fallback);
  // After every listener of this click, so the tapped control has done its work first.
  fallback = setTimeout(endTap, 0);
}

/** Listens on the window once; called from main.ts before the app mounts. */
export function installTapGuard(target: Window = window): void {
  if (installed) return;
  installed = true;
  target.addEventListener('pointerdown', onDown, true);
  target.addEventListener('pointerup', onUp, true);
  target.addEventListener('pointercancel', onUp, true);
  target.addEventListener('click', onClick, true);
}

/** True from a pointerdown until the tap it began is over. */
export function tapInProgress(): boolean {
  return tapping;
}

/** Runs `fn` now, or once the tap in progress is over (see above). */
export function afterTap(fn: () => void): void {
  if (tapping) queue.push(fn);
  else fn();
}
