import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * Idle watch for one citizen's visit: after `timeout - warning` seconds without a touch or key,
 * `warning` turns on (with seconds left); at `timeout` `onTimeout` runs. It counts on every
 * screen, the start screen included (a language switched, the clerk area opened, a half-typed
 * lookup are all someone's visit), from the first touch after the last wipe; a kiosk nobody has
 * touched since has nothing to wipe, so it does not nag an empty room. `reset()` after a wipe.
 */
export function useIdle(opts: {
  /** Mid-flow (away from the start screen): counts even without a touch since the wipe. */
  active: Ref<boolean>;
  timeoutSeconds: Ref<number>;
  warningSeconds: Ref<number>;
  onTimeout: () => void;
  /** Called at most every `heartbeatSeconds` while the citizen is active (keeps the backend's session alive). */
  onActive?: () => void;
  heartbeatSeconds?: number;
}) {
  const warning = ref(false);
  const secondsLeft = ref(0);
  let lastActivity = Date.now();
  let lastHeartbeat = 0;
  /** Someone has touched the kiosk since the last wipe. */
  let touched = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  function heartbeat() {
    const now = Date.now();
    if (opts.onActive && opts.active.value && now - lastHeartbeat >= (opts.heartbeatSeconds ?? 20) * 1000) {
      lastHeartbeat = now;
      opts.onActive();
    }
  }
  function activity() {
    touched = true;
    if (warning.value) return;
    lastActivity = Date.now();
    heartbeat();
  }
  function extend() {
    warning.value = false;
    lastActivity = Date.now();
    lastHeartbeat = 0;
    heartbeat();
  }
  function reset() {
    touched = false;
    warning.value = false;
    lastActivity = Date.now();
  }
  function tick() {
    if (!opts.active.value && !touched) {
      warning.value = false;
      lastActivity = Date.now();
      return;
    }
    const idle = (Date.now() - lastActivity) / 1000;
    secondsLeft.value = Math.max(0, Math.ceil(opts.timeoutSeconds.value - idle));
    if (idle >= opts.timeoutSeconds.value) {
      reset();
      opts.onTimeout();
    } else if (idle >= opts.timeoutSeconds.value - opts.warningSeconds.value) {
      warning.value = true;
    }
  }

  const events = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;
  onMounted(() => {
    for (const e of events) window.addEventListener(e, activity, { capture: true, passive: true });
    timer = setInterval(tick, 500);
  });
  onBeforeUnmount(() => {
    for (const e of events) window.removeEventListener(e, activity, { capture: true });
    clearInterval(timer);
  });
  return { warning, secondsLeft, extend, reset };
}
