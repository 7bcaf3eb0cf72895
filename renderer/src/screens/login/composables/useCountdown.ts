import { computed, onBeforeUnmount, ref, type Ref } from 'vue';

/** Seconds left until `deadline` (epoch ms), ticking while the screen is shown. */
export function useCountdown(deadline: Ref<number>) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 250);
  onBeforeUnmount(() => clearInterval(timer));
  const seconds = computed(() => Math.max(0, Math.ceil((deadline.value - now.value) / 1000)));
  const label = computed(() => {
    const s = seconds.value;
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  });
  return { seconds, label };
}
