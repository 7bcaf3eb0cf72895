import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KioskError, KioskErrorCode } from '../../../common/errors';
import type { Result } from '../../../common/result';
import { errorMessage } from '../i18n';

/**
 * The one way a screen runs a backend action (renderer/src/actions) and shows how it went:
 * `busy` while it runs (buttons disable, labels say "Đang xử lý, vui lòng chờ…"), `error` and its `message`
 * in the citizen's language when it failed, cleared by the next run. Calls that belong together
 * on a screen (the OTP and its "Gửi lại mã") share one.
 *
 * `messages` puts a screen's own words on a code, e.g. what a lost connection means for a
 * complaint; every other code reads as `errors.<code>` in the locale files.
 */
export function useAction(options: { messages?: Partial<Record<KioskErrorCode, string>> } = {}) {
  const { t } = useI18n();
  const busy = ref(false);
  const error = ref<KioskError | null>(null);
  const message = computed(() => {
    if (!error.value) return null;
    const own = options.messages?.[error.value.code];
    return own ? t(own) : errorMessage(t, error.value);
  });

  async function run<R extends Result<unknown, KioskError>>(action: () => Promise<R>): Promise<R> {
    busy.value = true;
    error.value = null;
    try {
      const r = await action();
      if (!r.ok) error.value = r.error;
      return r;
    } finally {
      busy.value = false;
    }
  }

  return { run, busy, error, message };
}
